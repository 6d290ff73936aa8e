package io.stratacache.cache;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-cache bookkeeping of received invalidations: the next expected sequence number of each origin
 * (a jump means lost events: the caller flushes the near tier) and the staleness samples.
 *
 * <p>Senders publish a cache's events in sequence order, so any number but the expected one is a
 * gap. The first event of an origin never seen before sets its expectation (this instance was not
 * there for the earlier ones and holds nothing they could invalidate). An event older than expected
 * (a duplicate or a straggler after a flush) is applied but is not a gap.
 *
 * <p>Thread-safe (synchronized; one call per received event).
 */
final class CoherenceMonitor {
  static final int SAMPLES = 1024;

  private final Map<String, Long> expected = new HashMap<>();
  private final long[] samples = new long[SAMPLES];
  private int sampleCount;
  private int next;
  private long received;
  private long gapFlushes;
  private long last = -1;
  private long max = -1;

  /**
   * Records {@code event} received at {@code now}.
   *
   * @return true if a gap shows that events of its origin were lost
   */
  synchronized boolean receive(InvalidationEvent event, long now) {
    received++;
    if (event.publishedAt() > 0) {
      long staleness = Math.max(0, now - event.publishedAt());
      last = staleness;
      max = Math.max(max, staleness);
      samples[next] = staleness;
      next = (next + 1) % SAMPLES;
      sampleCount = Math.min(SAMPLES, sampleCount + 1);
    }
    Long want = expected.get(event.origin());
    long seq = event.sequence();
    if (want == null || seq >= want) {
      expected.put(event.origin(), seq + 1);
    }
    if (want != null && seq > want) {
      gapFlushes++;
      return true;
    }
    return false;
  }

  /** Counts a flush for a loss the bus reported itself. */
  synchronized void lost() {
    gapFlushes++;
  }

  synchronized CoherenceStats stats() {
    if (sampleCount == 0) {
      return new CoherenceStats(received, gapFlushes, -1, -1, -1, -1);
    }
    long[] sorted = Arrays.copyOf(samples, sampleCount);
    Arrays.sort(sorted);
    return new CoherenceStats(
        received,
        gapFlushes,
        last,
        max,
        sorted[(sorted.length - 1) / 2],
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1]);
  }
}
