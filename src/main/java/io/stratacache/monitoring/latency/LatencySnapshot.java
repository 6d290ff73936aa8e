package io.stratacache.monitoring.latency;

import java.util.Arrays;

/**
 * Counts per bucket of a {@link LatencyRecorder} at one moment (or the difference of two moments),
 * with the number of durations and their sum. Immutable.
 */
public final class LatencySnapshot {

  /** No duration recorded. */
  public static final LatencySnapshot EMPTY =
      new LatencySnapshot(new long[LatencyRecorder.BUCKETS], 0, 0);

  private final long[] counts;
  private final long count;
  private final long sumNanos;

  LatencySnapshot(long[] counts, long count, long sumNanos) {
    this.counts = counts;
    this.count = count;
    this.sumNanos = sumNanos;
  }

  /** The number of durations. */
  public long count() {
    return count;
  }

  /** Their sum in nanoseconds. */
  public long sumNanos() {
    return sumNanos;
  }

  /**
   * This snapshot with {@code untimed} more calls that were counted but not timed: the count grows
   * by them, the buckets (percentiles) stay those of the timed sample, and the sum is scaled to the
   * whole count (the timed calls' mean stands for the untimed ones).
   */
  LatencySnapshot withUntimed(long untimed) {
    if (untimed <= 0) {
      return this;
    }
    long all = count + untimed;
    long sum = count == 0 ? 0 : Math.round(sumNanos * ((double) all / count));
    return new LatencySnapshot(counts, all, sum);
  }

  /** What was recorded after {@code earlier} (a snapshot of the same recorder). */
  public LatencySnapshot minus(LatencySnapshot earlier) {
    long[] d = new long[counts.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.max(0, counts[i] - earlier.counts[i]);
    }
    return new LatencySnapshot(
        d, Math.max(0, count - earlier.count), Math.max(0, sumNanos - earlier.sumNanos));
  }

  /**
   * The {@code q} quantile in milliseconds (0 when empty), within {@value
   * LatencyRecorder#RELATIVE_ERROR_PERCENT}% of the true value.
   *
   * @param q in [0, 1]
   */
  public double quantileMillis(double q) {
    if (q < 0 || q > 1) {
      throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
    }
    long total = Arrays.stream(counts).sum();
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return LatencyRecorder.middle(i) / 1e6;
      }
    }
    return LatencyRecorder.middle(counts.length - 1) / 1e6;
  }

  /** The largest duration's bucket middle in milliseconds (0 when empty). */
  public double maxMillis() {
    for (int i = counts.length - 1; i >= 0; i--) {
      if (counts[i] > 0) {
        return LatencyRecorder.middle(i) / 1e6;
      }
    }
    return 0;
  }

  /** The mean in milliseconds (exact: from the sum), 0 when empty. */
  public double meanMillis() {
    return count == 0 ? 0 : sumNanos / 1e6 / count;
  }
}
