package io.stratacache.cache;

import java.util.Random;

/**
 * A precomputed Zipf-distributed sequence of key indexes (exponent 0.99, as YCSB and Caffeine's
 * benchmarks use), so drawing a key in a benchmark costs one array read.
 */
public final class ZipfKeys {
  private final int[] sequence;
  private final int mask;

  /**
   * @param keys how many distinct keys (index 0 is the hottest)
   * @param length sequence length, a power of two
   */
  public ZipfKeys(int keys, int length, long seed) {
    if (Integer.bitCount(length) != 1) {
      throw new IllegalArgumentException("length must be a power of two");
    }
    double[] cdf = new double[keys];
    double sum = 0;
    for (int i = 0; i < keys; i++) {
      sum += 1.0 / Math.pow(i + 1, 0.99);
      cdf[i] = sum;
    }
    Random random = new Random(seed);
    sequence = new int[length];
    for (int n = 0; n < length; n++) {
      double u = random.nextDouble() * sum;
      int lo = 0;
      int hi = keys - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      sequence[n] = lo;
    }
    mask = length - 1;
  }

  /** The key index at position {@code n} (wrapping). */
  public int at(int n) {
    return sequence[n & mask];
  }
}
