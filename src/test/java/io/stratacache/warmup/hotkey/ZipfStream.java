package io.stratacache.warmup.hotkey;

import io.stratacache.demo.Zipf;
import java.util.Random;

/** A seeded Zipf-distributed stream of keys {@code k1..kN} ({@code k1} the most frequent). */
final class ZipfStream {

  private final Zipf zipf;
  private final Random random;

  ZipfStream(int keys, double exponent, long seed) {
    zipf = new Zipf(keys, exponent);
    random = new Random(seed);
  }

  /** The rank (1-based) of the next key. */
  int nextRank() {
    return zipf.sample(random) + 1;
  }

  String next() {
    return "k" + nextRank();
  }
}
