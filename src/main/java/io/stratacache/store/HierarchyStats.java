package io.stratacache.store;

import java.util.List;

/**
 * The store hierarchy's figures on this instance ({@code GET /api/v1/stores/cache/stats}).
 *
 * @param levels the four levels, level 1 first
 * @param budget the memory budget and its use
 * @param compression level 1's compression over the blocks held here
 * @param hotStores how many stores are currently declared hot
 */
public record HierarchyStats(
    List<Level> levels, Budget budget, Compression compression, int hotStores) {

  public HierarchyStats {
    levels = List.copyOf(levels);
  }

  /**
   * One level. {@code entries} and {@code bytes} are this instance's near copies as the budget
   * weighs them; requests, hits, misses and hit rate are the level cache's (every tier); TTLs in
   * seconds ({@code gridTtlSeconds} 0 for a near-only level).
   */
  public record Level(
      int level,
      String name,
      String cache,
      long entries,
      long bytes,
      long requests,
      long hits,
      long misses,
      double hitRate,
      long budgetEvictions,
      long nearTtlSeconds,
      long gridTtlSeconds) {}

  /** The budget in bytes, what is used, and the use as a percentage. */
  public record Budget(long bytes, long usedBytes, double usedPercent) {}

  /** Level 1's columns before and after gzip, and the share saved in percent. */
  public record Compression(long rawBytes, long storedBytes, double savedPercent) {}
}
