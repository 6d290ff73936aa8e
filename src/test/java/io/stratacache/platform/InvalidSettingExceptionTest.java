package io.stratacache.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One-line refusals of a setting, as CacheProducer and the warm-up log them. */
class InvalidSettingExceptionTest {

  @Test
  void of_cacheRefusal_namesTheKeyAndCarriesNoTrace() {
    Map<String, String> config =
        Map.of("cache.brand-stats.near.ttl", "soon", "cache.default.store.enabled", "false");
    try (TieredCaches caches =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .config(key -> Optional.ofNullable(config.get(key)))
            .build()) {
      IllegalArgumentException refusal =
          assertThrows(
              IllegalArgumentException.class, () -> caches.cache("brand-stats", Object.class));
      InvalidSettingException e = InvalidSettingException.of(refusal.getMessage());
      assertEquals("cache.brand-stats.near.ttl", e.setting());
      assertEquals(
          "cache.brand-stats.near.ttl='soon': not a duration (use 30s, 5m, PT5M)", e.getMessage());
      assertEquals(0, e.getStackTrace().length);
      assertEquals(null, e.getCause());
    }
  }

  @Test
  void of_lineWithoutValue_namesTheSettingBeforeTheColon() {
    assertEquals(
        "cache.x.grid.ttl",
        InvalidSettingException.of("cache.x.grid.ttl: must be positive").setting());
  }
}
