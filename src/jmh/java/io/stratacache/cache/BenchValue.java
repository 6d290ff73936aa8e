package io.stratacache.cache;

import java.io.Serializable;
import java.util.List;

/** A small immutable value, like a brand's headline figures. */
public record BenchValue(String brand, long orders, double score, List<String> topStores)
    implements Serializable {

  public static BenchValue of(int i) {
    return new BenchValue(
        "brand-" + i, 1000L * i, i / 7.0, List.of("store-" + i, "store-" + (i + 1)));
  }
}
