package io.stratacache.admin;

import io.stratacache.cache.CacheStats;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/cache/stats}: a snapshot per cache, with its tiers inside
 * ({@link CacheStats} documents every figure).
 *
 * @param scope {@code cluster} (the default: every member's figures summed, {@code
 *     io.stratacache.cache.ClusterStats} says how), {@code local} (this member's) or {@code member}
 *     (the one asked for with {@code ?member=})
 * @param members the members whose figures are in the answer, sorted by id
 * @param caches one snapshot per cache, sorted by name
 */
public record StatsAnswer(String scope, List<Member> members, List<CacheStats> caches) {

  /**
   * @param member the member's instance id
   * @param local whether it is the member that answered
   * @param takenAt when its figures were taken (the others publish every two seconds)
   * @param requests its client requests over all caches
   * @param hitRate its client hit rate over all caches
   * @param warmupRequests its warm-up's own lookups over all caches
   */
  public record Member(
      String member,
      boolean local,
      Instant takenAt,
      long requests,
      double hitRate,
      long warmupRequests) {}
}
