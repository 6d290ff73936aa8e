package io.stratacache.cache;

import io.stratacache.demo.Zipf;
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
    Zipf zipf = new Zipf(keys, 0.99);
    Random random = new Random(seed);
    sequence = new int[length];
    for (int n = 0; n < length; n++) {
      sequence[n] = zipf.sample(random);
    }
    mask = length - 1;
  }

  /** The key index at position {@code n} (wrapping). */
  public int at(int n) {
    return sequence[n & mask];
  }
}
