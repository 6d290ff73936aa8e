package io.stratacache.cache;

/**
 * What one instance observed of another instances' invalidations of a cache.
 *
 * <p>Staleness is the time from an event's publication (the sender's clock) to its receipt (this
 * instance's clock): how long a near copy could outlive its invalidation. Across machines it
 * includes their clock skew; on one machine it is exact.
 *
 * @param received invalidation events of other instances applied here
 * @param gapFlushes near-tier flushes because a sequence gap showed a lost event (or the bus
 *     reported a loss)
 * @param lastStalenessMillis staleness of the last event; -1 before the first
 * @param maxStalenessMillis the largest staleness seen; -1 before the first
 * @param p50StalenessMillis median over the last {@value CoherenceMonitor#SAMPLES} events; -1
 *     before the first
 * @param p99StalenessMillis 99th percentile over the same events; -1 before the first
 */
public record CoherenceStats(
    long received,
    long gapFlushes,
    long lastStalenessMillis,
    long maxStalenessMillis,
    long p50StalenessMillis,
    long p99StalenessMillis)
    implements java.io.Serializable {

  /** Nothing observed. */
  public static final CoherenceStats NONE = new CoherenceStats(0, 0, -1, -1, -1, -1);
}
