package io.stratacache.cache;

import io.stratacache.cache.tier.TierMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cache-wide counters of one cache (the per-tier ones are in {@link GuardedTier}), and the
 * {@link CacheStats} they add up to with the tiers' counters and metrics. Counting is lock-free
 * ({@link LongAdder}); a snapshot is not atomic across counters. Thread-safe.
 */
final class CacheCounters {
  private final LongAdder staleHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder warmupRequests = new LongAdder();
  private final LongAdder negativeHits = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder loads = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder loadNanos = new LongAdder();
  private final LongAdder refreshes = new LongAdder();
  private final LongAdder uncachedValues = new LongAdder();
  private final LongAdder remoteLoadWaits = new LongAdder();
  private final LongAdder remoteLoadsServed = new LongAdder();
  private final LongAdder remoteLoadTimeouts = new LongAdder();

  /** A warm-up request answered below the near tier (a grid or store hit). */
  void warmupHit() {
    warmupRequests.increment();
  }

  void staleHit() {
    staleHits.increment();
  }

  void miss() {
    (CacheTraffic.isWarmup() ? warmupRequests : misses).increment();
  }

  /** A miss counted before was served stale after all. */
  void missTurnedStale() {
    if (CacheTraffic.isWarmup()) {
      return; // a warm-up request is counted once, whatever it was served
    }
    misses.decrement();
    staleHits.increment();
  }

  void negativeHit() {
    negativeHits.increment();
  }

  void put() {
    puts.increment();
  }

  /** One loader call that took {@code nanos} and failed or not. */
  void loaded(long nanos, boolean failed) {
    (failed ? loadFailures : loads).increment();
    loadNanos.add(nanos);
  }

  /** One bulk loader call for {@code keys} keys: counted as that many loads (or failures). */
  void loadedAll(int keys, long nanos, boolean failed) {
    (failed ? loadFailures : loads).add(keys);
    loadNanos.add(nanos);
  }

  void refresh() {
    refreshes.increment();
  }

  /** A loaded value that could not be encoded, so was not cached. */
  void uncached() {
    uncachedValues.increment();
  }

  void remoteLoadWait() {
    remoteLoadWaits.increment();
  }

  void remoteLoadServed() {
    remoteLoadsServed.increment();
  }

  void remoteLoadTimeout() {
    remoteLoadTimeouts.increment();
  }

  /**
   * The cache's statistics: hits are the tiers' hits, sizes the largest tier's, bytes and evictions
   * the tiers' sums (a tier with unknown metrics adds nothing).
   *
   * @param near the near tier (its compression ratio is 1: it holds decoded values), or null
   */
  CacheStats stats(
      String name,
      List<GuardedTier<?>> tiers,
      GuardedTier<?> near,
      PayloadEncoder<?> encoder,
      WriteBehind writeBehind,
      CoherenceStats coherence) {
    List<TierStats> tierStats = new ArrayList<>(tiers.size());
    long hits = 0;
    long evictions = 0;
    long expirations = 0;
    long size = 0;
    long bytes = 0;
    long errors = encoder.errors.sum() + uncachedValues.sum();
    for (GuardedTier<?> tier : tiers) {
      TierMetrics metrics = tier.metrics();
      hits += tier.hits();
      evictions += Math.max(0, metrics.evictions());
      expirations += Math.max(0, metrics.expirations());
      size = Math.max(size, metrics.size());
      bytes += Math.max(0, metrics.bytes());
      errors += tier.errors();
      tierStats.add(tier.stats(metrics, tier == near ? 1.0 : encoder.compressionRatio()));
    }
    long stale = staleHits.sum();
    long missed = misses.sum();
    long requests = hits + stale + missed;
    long loaded = loads.sum();
    long failed = loadFailures.sum();
    long nanos = loadNanos.sum();
    return new CacheStats(
        name,
        requests,
        hits,
        stale,
        missed,
        requests == 0 ? 0 : (double) (hits + stale) / requests,
        negativeHits.sum(),
        puts.sum(),
        evictions,
        expirations,
        loaded,
        failed,
        nanos,
        loaded + failed == 0 ? 0 : nanos / 1e6 / (loaded + failed),
        refreshes.sum(),
        size,
        bytes,
        encoder.compressionRatio(),
        errors,
        tierStats,
        writeBehind == null ? WriteBehindStats.NONE : writeBehind.stats(),
        coherence,
        remoteLoadWaits.sum(),
        remoteLoadsServed.sum(),
        remoteLoadTimeouts.sum(),
        warmupRequests.sum());
  }
}
