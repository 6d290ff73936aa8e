package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings: documented defaults, configuration keys, validation. */
class CacheSettingsTest {
  private final Map<String, String> config = new HashMap<>();

  private CacheSettings read(String name) {
    return CacheSettings.fromConfig(name, key -> Optional.ofNullable(config.get(key)));
  }

  @Test
  void defaults_asDocumented() {
    CacheSettings s = CacheSettings.defaults("brands");
    assertTrue(s.nearEnabled());
    assertTrue(s.gridEnabled());
    assertFalse(s.storeEnabled());
    assertEquals(10_000, s.nearMaxEntries());
    assertEquals(0, s.nearMaxBytes());
    assertEquals(CacheSettings.NearExpiry.AFTER_WRITE, s.nearExpiry());
    assertEquals(Duration.ofMinutes(5), s.nearTtl());
    assertEquals(Duration.ZERO, s.refreshAhead());
    assertEquals(Duration.ofMinutes(30), s.gridTtl());
    assertEquals(0, s.gridMaxBytes());
    assertEquals(Duration.ofHours(24), s.storeTtl());
    assertEquals(Duration.ofSeconds(30), s.negativeTtl());
    assertEquals(0.10, s.ttlJitter());
    assertEquals(Duration.ZERO, s.staleWhileRevalidate());
    assertEquals(Duration.ZERO, s.staleIfError());
    assertEquals("binary", s.codec());
    assertEquals(1024, s.compressionThreshold());
    assertEquals(WritePolicy.WRITE_THROUGH, s.writePolicy());
    assertEquals(s, read("brands"), "no keys: the defaults");
  }

  @Test
  void fromConfig_everyKey() {
    config.put("cache.brands.near.enabled", "false");
    config.put("cache.brands.grid.enabled", "true");
    config.put("cache.brands.store.enabled", "TRUE");
    config.put("cache.brands.near.max-entries", "500");
    config.put("cache.brands.near.max-bytes", "1048576");
    config.put("cache.brands.near.expiry", "after-access");
    config.put("cache.brands.near.ttl", "PT2M");
    config.put("cache.brands.refresh-ahead", "20s");
    config.put("cache.brands.grid.ttl", "1h");
    config.put("cache.brands.grid.max-bytes", "134217728");
    config.put("cache.brands.store.ttl", "7d");
    config.put("cache.brands.negative-ttl", "1500ms");
    config.put("cache.brands.ttl-jitter", "0.2");
    config.put("cache.brands.stale-while-revalidate", "30");
    config.put("cache.brands.stale-if-error", "10m");
    config.put("cache.brands.codec", "JSON");
    config.put("cache.brands.codec.allow", "io.stratacache.brand.*, io.stratacache.store.**");
    config.put("cache.brands.compression.threshold", "4096");
    config.put("cache.brands.write-policy", "invalidate-only");
    CacheSettings s = read("brands");
    assertFalse(s.nearEnabled());
    assertTrue(s.gridEnabled());
    assertTrue(s.storeEnabled());
    assertEquals(500, s.nearMaxEntries());
    assertEquals(1_048_576, s.nearMaxBytes());
    assertEquals(CacheSettings.NearExpiry.AFTER_ACCESS, s.nearExpiry());
    assertEquals(Duration.ofMinutes(2), s.nearTtl());
    assertEquals(Duration.ofSeconds(20), s.refreshAhead());
    assertEquals(Duration.ofHours(1), s.gridTtl());
    assertEquals(134_217_728, s.gridMaxBytes());
    assertEquals(Duration.ofDays(7), s.storeTtl());
    assertEquals(Duration.ofMillis(1500), s.negativeTtl());
    assertEquals(0.2, s.ttlJitter());
    assertEquals(Duration.ofSeconds(30), s.staleWhileRevalidate());
    assertEquals(Duration.ofMinutes(10), s.staleIfError());
    assertEquals("json", s.codec());
    assertEquals(List.of("io.stratacache.brand.*", "io.stratacache.store.**"), s.codecAllow());
    assertEquals(4096, s.compressionThreshold());
    assertEquals(WritePolicy.INVALIDATE_ONLY, s.writePolicy());
  }

  @Test
  void fromConfig_clusterKeys() {
    config.put("cache.default.grid.timeout", "250ms");
    config.put("cache.brands.store.timeout", "5s");
    config.put("cache.brands.breaker.failure-rate", "0.25");
    config.put("cache.brands.breaker.minimum-calls", "20");
    config.put("cache.brands.breaker.window", "30s");
    config.put("cache.brands.breaker.cool-down", "2s");
    config.put("cache.brands.write-policy", "write-behind");
    config.put("cache.brands.write-behind.capacity", "500");
    config.put("cache.brands.write-behind.batch-size", "50");
    config.put("cache.brands.write-behind.delay", "250ms");
    config.put("cache.brands.write-behind.block", "0");
    config.put("cache.brands.write-behind.max-attempts", "3");
    config.put("cache.brands.write-behind.backoff", "1s");
    config.put("cache.brands.write-behind.max-backoff", "1m");
    config.put("cache.brands.write-behind.shutdown-timeout", "20s");
    config.put("cache.brands.single-flight.cluster", "false");
    config.put("cache.brands.single-flight.wait", "1500ms");
    config.put("cache.brands.single-flight.lease", "1m");
    CacheSettings s = read("brands");
    assertEquals(Duration.ofMillis(250), s.gridTimeout());
    assertEquals(Duration.ofSeconds(5), s.storeTimeout());
    assertEquals(
        new CacheSettings.Breaker(0.25, 20, Duration.ofSeconds(30), Duration.ofSeconds(2)),
        s.breaker());
    assertEquals(WritePolicy.WRITE_BEHIND, s.writePolicy());
    assertEquals(
        new CacheSettings.WriteBehind(
            500,
            50,
            Duration.ofMillis(250),
            Duration.ZERO,
            3,
            Duration.ofSeconds(1),
            Duration.ofMinutes(1),
            Duration.ofSeconds(20)),
        s.writeBehind());
    assertEquals(
        new CacheSettings.ClusterLoad(false, Duration.ofMillis(1500), Duration.ofMinutes(1)),
        s.clusterLoad());
    CacheSettings defaults = CacheSettings.defaults("x");
    assertEquals(Duration.ofMillis(500), defaults.gridTimeout());
    assertEquals(Duration.ofSeconds(2), defaults.storeTimeout());
    assertEquals(CacheSettings.Breaker.DEFAULT, defaults.breaker());
    assertEquals(CacheSettings.WriteBehind.DEFAULT, defaults.writeBehind());
    assertEquals(CacheSettings.ClusterLoad.DEFAULT, defaults.clusterLoad());
  }

  @Test
  void fromConfig_cacheKeyOverridesDefaultKey() {
    config.put("cache.default.grid.ttl", "10m");
    config.put("cache.default.negative-ttl", "5s");
    config.put("cache.reports.grid.ttl", "2h");
    CacheSettings s = read("reports");
    assertEquals(Duration.ofHours(2), s.gridTtl());
    assertEquals(Duration.ofSeconds(5), s.negativeTtl());
    assertEquals(Duration.ofMinutes(10), read("brands").gridTtl());
  }

  @ParameterizedTest
  @CsvSource({
    "cache.x.near.ttl, soon, near.ttl",
    "cache.x.ttl-jitter, 0.9, ttl-jitter",
    "cache.x.negative-ttl, 0s, negative-ttl",
    "cache.x.near.enabled, yes, near.enabled",
    "cache.x.write-policy, eventually, eventually",
    "cache.x.near.max-entries, many, many",
    "cache.x.grid.max-bytes, -1, grid.max-bytes",
    "cache.x.grid.max-bytes, 64MB, grid.max-bytes",
  })
  void fromConfig_badValue_illegalArgumentNamingIt(String key, String value, String named) {
    config.put(key, value);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("x"));
    assertTrue(e.getMessage().contains(named), e.getMessage());
  }

  @Test
  void constructor_noTierOrBadName_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CacheSettings.builder("x").tiers(false, false, false).build());
    assertThrows(IllegalArgumentException.class, () -> CacheSettings.defaults("has.dot"));
    assertThrows(IllegalArgumentException.class, () -> CacheSettings.defaults(""));
  }

  @Test
  void duration_formats() {
    assertEquals(Duration.ofMillis(250), CacheSettings.duration("250ms"));
    assertEquals(Duration.ofSeconds(45), CacheSettings.duration("45"));
    assertEquals(Duration.ofHours(3), CacheSettings.duration("3h"));
    assertEquals(Duration.ofMinutes(90), CacheSettings.duration("PT1H30M"));
  }
}
