package io.stratacache.cache;

import java.util.List;
import java.util.Optional;

/**
 * Statistics of one cache: an immutable snapshot, counters since the cache was created.
 *
 * <p>Every {@code get} or {@code peek} is one request, counted once: a <em>hit</em> when a tier
 * answered with a fresh entry (including a cached "not found"), a <em>stale hit</em> when a stale
 * value was served within the stale-while-revalidate or stale-if-error window, otherwise a
 * <em>miss</em> (the caller ran or waited for a load, or a peek found nothing).
 *
 * @param name the cache
 * @param requests {@code hits + staleHits + misses}
 * @param hits fresh answers from any tier
 * @param staleHits stale values served
 * @param misses requests that ran or waited for a load (or peeks that found nothing)
 * @param hitRate {@code (hits + staleHits) / requests}, 0 before the first request
 * @param negativeHits hits on a cached "not found" (included in {@code hits})
 * @param puts values written by {@code put} (not loads)
 * @param evictions sum of the tiers' evictions
 * @param expirations sum of the tiers' expirations
 * @param loads loader calls that returned (a value or "not found")
 * @param loadFailures loader calls that threw
 * @param totalLoadTimeNanos time spent in loader calls, successful or not
 * @param averageLoadMillis {@code totalLoadTimeNanos / (loads + loadFailures)} in milliseconds
 * @param refreshes background reloads started (refresh-ahead and stale-while-revalidate)
 * @param size entries in the largest tier
 * @param bytes encoded bytes held, summed over the tiers
 * @param compressionRatio uncompressed / stored bytes of every value encoded by this cache; 1.0
 *     when nothing was compressed
 * @param errors tier failures plus values that could not be decoded
 * @param tiers per-tier statistics, near to store, enabled tiers only
 * @param writeBehind the write-behind queue ({@link WriteBehindStats#NONE} for other policies)
 * @param coherence invalidations received from other instances: staleness, gap flushes
 * @param remoteLoadWaits misses that waited for another instance's load of the key
 * @param remoteLoadsServed of those, the ones answered by its value from the grid
 * @param remoteLoadTimeouts misses that waited (or found the lease held) past {@code
 *     single-flight.wait} and loaded themselves
 * @param warmupRequests lookups a warm-up made (inside {@link CacheTraffic#warmup}) that went past
 *     the near tier: grid and store hits and misses, counted here instead of in {@code requests},
 *     {@code hits} and {@code misses}, so {@code hitRate} judges client traffic (their loads are in
 *     {@code loads})
 */
public record CacheStats(
    String name,
    long requests,
    long hits,
    long staleHits,
    long misses,
    double hitRate,
    long negativeHits,
    long puts,
    long evictions,
    long expirations,
    long loads,
    long loadFailures,
    long totalLoadTimeNanos,
    double averageLoadMillis,
    long refreshes,
    long size,
    long bytes,
    double compressionRatio,
    long errors,
    List<TierStats> tiers,
    WriteBehindStats writeBehind,
    CoherenceStats coherence,
    long remoteLoadWaits,
    long remoteLoadsServed,
    long remoteLoadTimeouts,
    long warmupRequests)
    implements java.io.Serializable {

  public CacheStats {
    tiers = List.copyOf(tiers);
  }

  /** The statistics of tier {@code name}, if enabled. */
  public Optional<TierStats> tier(String name) {
    return tiers.stream().filter(t -> t.tier().equals(name)).findFirst();
  }
}
