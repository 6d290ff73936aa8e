package io.stratacache.cache.tier;

/**
 * What a tier knows about itself: a snapshot, possibly approximate.
 *
 * @param size entries held (for a shared tier, cluster- or table-wide for this cache); -1 unknown
 * @param bytes bytes held by entries (encoded size); -1 unknown
 * @param evictions entries dropped for lack of room since the tier started; -1 unknown
 * @param expirations entries dropped at the end of their retention since the tier started; -1
 *     unknown
 */
public record TierMetrics(long size, long bytes, long evictions, long expirations) {

  /** Metrics of a tier that cannot tell anything (for example while its backend is down). */
  public static final TierMetrics UNKNOWN = new TierMetrics(-1, -1, -1, -1);
}
