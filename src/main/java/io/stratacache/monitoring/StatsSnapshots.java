package io.stratacache.monitoring;

import io.stratacache.cache.CacheClock;
import io.stratacache.cache.CacheStats;
import io.stratacache.cache.TieredCaches;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each cache's statistics, taken at most once per {@code maxAge}: one metrics scrape reads a dozen
 * figures per tier, and {@link io.stratacache.cache.TieredCache#stats()} may ask the grid and the
 * store, so the figures of one scrape come from one snapshot.
 *
 * <p>Thread-safe: concurrent readers of a stale snapshot wait for one of them to take the next.
 */
public final class StatsSnapshots {

  /** The default age after which a snapshot is taken again: one second. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

  private final TieredCaches caches;
  private final CacheClock clock;
  private final long maxAgeNanos;
  private final ConcurrentHashMap<String, Holder> holders = new ConcurrentHashMap<>();

  /**
   * @param caches where the statistics come from
   * @param clock the monotonic time that ages snapshots
   * @param maxAge how long a snapshot is reused; positive
   */
  public StatsSnapshots(TieredCaches caches, CacheClock clock, Duration maxAge) {
    this.caches = Objects.requireNonNull(caches, "caches");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive");
    }
    this.maxAgeNanos = maxAge.toNanos();
  }

  /**
   * The statistics of {@code cache}, at most {@code maxAge} old; empty if there is no such cache.
   */
  public Optional<CacheStats> of(String cache) {
    Holder holder = holders.computeIfAbsent(cache, n -> new Holder());
    return holder.get(cache);
  }

  /**
   * The statistics of {@code cache} taken now (and kept as the snapshot others reuse); empty if
   * there is no such cache. For decisions that must see every request made so far (alert
   * evaluation, windows).
   */
  public Optional<CacheStats> fresh(String cache) {
    Holder holder = holders.computeIfAbsent(cache, n -> new Holder());
    return holder.take(cache);
  }

  private final class Holder {
    private CacheStats stats;
    private long takenAt;

    synchronized Optional<CacheStats> get(String cache) {
      long now = clock.nanoTime();
      if (stats == null || now - takenAt >= maxAgeNanos) {
        Optional<CacheStats> fresh = caches.find(cache).map(c -> c.stats());
        if (fresh.isEmpty()) {
          return Optional.empty();
        }
        stats = fresh.get();
        takenAt = now;
      }
      return Optional.of(stats);
    }

    synchronized Optional<CacheStats> take(String cache) {
      Optional<CacheStats> fresh = caches.find(cache).map(c -> c.stats());
      if (fresh.isPresent()) {
        stats = fresh.get();
        takenAt = clock.nanoTime();
      }
      return fresh;
    }
  }
}
