package io.stratacache.cache;

/**
 * Statistics of a cache's write-behind queue (all zero for other write policies).
 *
 * @param queued distinct keys waiting to be written to the store now
 * @param written writes the store accepted
 * @param coalesced writes replaced by a newer write of the same key before they were flushed
 * @param retries failed attempts that were retried later (with backoff)
 * @param failed writes given up after their last attempt, or still queued when shutdown ended: each
 *     one logged; non-zero means the store misses values
 * @param backPressureWaits writers that found the queue full and waited for room
 * @param writtenThrough writers that found the queue still full after waiting and wrote to the
 *     store themselves
 */
public record WriteBehindStats(
    long queued,
    long written,
    long coalesced,
    long retries,
    long failed,
    long backPressureWaits,
    long writtenThrough)
    implements java.io.Serializable {

  /** The statistics of a cache without write-behind. */
  public static final WriteBehindStats NONE = new WriteBehindStats(0, 0, 0, 0, 0, 0, 0);
}
