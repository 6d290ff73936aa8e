package io.stratacache.monitoring.latency;

import java.util.concurrent.atomic.LongAdder;

/**
 * A latency distribution on log-scale buckets: eight buckets per power of two of nanoseconds, each
 * a {@link LongAdder}, plus the sum (the count is the buckets' total). Recording is one bucket
 * index computation and two adder increments: no lock, no allocation, safe from any number of
 * threads. A value is reported as the middle of its bucket, so a percentile read from {@link
 * #snapshot()} is within {@value #RELATIVE_ERROR_PERCENT}% of the true value (for durations of 8 ns
 * and more; shorter ones are exact).
 *
 * <p>Totals are kept since creation; a window is the difference of two snapshots ({@link
 * LatencySnapshot#minus}).
 */
final class LatencyRecorder {

  /** The largest relative error of a reported value, in percent (half a bucket's width). */
  static final double RELATIVE_ERROR_PERCENT = 6.25;

  static final int SUB_BITS = 3;
  static final int SUB_BUCKETS = 1 << SUB_BITS;

  /** Values up to 2^41 ns (about 36 minutes); longer ones land in the last bucket. */
  static final int MAX_EXPONENT = 41;

  static final int BUCKETS = index(Long.MAX_VALUE) + 1;

  private final LongAdder[] buckets = new LongAdder[BUCKETS];
  private final LongAdder sum = new LongAdder();

  LatencyRecorder() {
    for (int i = 0; i < BUCKETS; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Records one duration; negative values count as 0. */
  void record(long nanos) {
    long v = Math.max(0, nanos);
    buckets[index(v)].increment();
    sum.add(v);
  }

  /** The totals since creation (not atomic across buckets: a concurrent record may be half in). */
  LatencySnapshot snapshot() {
    long[] counts = new long[BUCKETS];
    long count = 0;
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] = buckets[i].sum();
      count += counts[i];
    }
    return new LatencySnapshot(counts, count, sum.sum());
  }

  /** The bucket of a non-negative duration. */
  static int index(long nanos) {
    if (nanos < SUB_BUCKETS) {
      return (int) nanos;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(nanos);
    if (exponent > MAX_EXPONENT) {
      exponent = MAX_EXPONENT;
      nanos = (1L << (MAX_EXPONENT + 1)) - 1;
    }
    int sub = (int) (nanos >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
    return (exponent - SUB_BITS + 1) * SUB_BUCKETS + sub;
  }

  /** The lowest duration of bucket {@code i}. */
  static long lowerBound(int i) {
    if (i < SUB_BUCKETS) {
      return i;
    }
    int exponent = i / SUB_BUCKETS + SUB_BITS - 1;
    int sub = i % SUB_BUCKETS;
    return (1L << exponent) + ((long) sub << (exponent - SUB_BITS));
  }

  /** The middle of bucket {@code i}: the value reported for durations recorded in it. */
  static double middle(int i) {
    if (i < SUB_BUCKETS) {
      return i;
    }
    int exponent = i / SUB_BUCKETS + SUB_BITS - 1;
    return lowerBound(i) + (1L << (exponent - SUB_BITS)) / 2.0;
  }
}
