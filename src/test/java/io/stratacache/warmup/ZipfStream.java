package io.stratacache.warmup;

import java.util.Random;

/** A seeded Zipf-distributed stream of keys {@code k1..kN} ({@code k1} the most frequent). */
final class ZipfStream {

  private final double[] cdf;
  private final Random random;

  ZipfStream(int keys, double exponent, long seed) {
    cdf = new double[keys];
    double sum = 0;
    for (int i = 0; i < keys; i++) {
      sum += 1.0 / Math.pow(i + 1, exponent);
      cdf[i] = sum;
    }
    for (int i = 0; i < keys; i++) {
      cdf[i] /= sum;
    }
    random = new Random(seed);
  }

  /** The rank (1-based) of the next key. */
  int nextRank() {
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
    return lo + 1;
  }

  String next() {
    return "k" + nextRank();
  }
}
