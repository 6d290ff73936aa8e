package io.stratacache.demo;

import java.util.random.RandomGenerator;

/**
 * A Zipf distribution over ranks {@code 0..n-1}: rank {@code k} has weight {@code 1 / (k + 1)^s}.
 * Drawn by inverting the cumulative distribution (a binary search), so a draw costs {@code O(log
 * n)} and the same random stream always gives the same ranks. Used by the demo data (which brands,
 * users and questions reports go to) and by the tests and benchmarks that replay skewed traffic.
 * Immutable and thread-safe; the random generator passed in is the caller's.
 */
public final class Zipf {
  private final double[] cdf;

  /**
   * @param n how many ranks, at least 1
   * @param exponent {@code s}, at least 0 (0 is uniform)
   */
  public Zipf(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    if (!(exponent >= 0)) {
      throw new IllegalArgumentException("exponent must be at least 0: " + exponent);
    }
    cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / Math.pow(i + 1, exponent);
      cdf[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
  }

  /** How many ranks. */
  public int size() {
    return cdf.length;
  }

  /** The next rank, 0 the most frequent. */
  public int sample(RandomGenerator random) {
    double u = random.nextDouble();
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
