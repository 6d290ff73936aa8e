package io.stratacache.cache.jcache;

import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The annotation tests' registry: near tier only, the project's classes allowed by the codec. */
final class NearOnlyCaches {

  private NearOnlyCaches() {}

  /** A registry with these settings beside the defaults (they win). */
  static TieredCaches of(Map<String, String> settings) {
    Map<String, String> config = new HashMap<>();
    config.put("cache.default.grid.enabled", "false");
    config.put("cache.default.codec.allow", "io.stratacache.**");
    config.putAll(settings);
    return TieredCaches.builder()
        .near(CaffeineNearTier.factory())
        .config(key -> Optional.ofNullable(config.get(key)))
        .build();
  }
}
