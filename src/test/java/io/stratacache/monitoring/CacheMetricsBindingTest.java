package io.stratacache.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.FakeClock;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gauge names, tags and values of the cache metrics, and the snapshot that feeds them. */
class CacheMetricsBindingTest {

  final FakeClock clock = new FakeClock();
  final Map<String, Supplier<Number>> gauges = new TreeMap<>();
  TieredCaches caches;
  CacheMetricsBinding binding;

  @BeforeEach
  void setUp() {
    caches =
        TieredCaches.builder()
            .clock(clock)
            .executor(Runnable::run)
            .settings(n -> CacheSettings.builder(n).tiers(true, false, false).ttlJitter(0).build())
            .build();
    binding =
        new CacheMetricsBinding(caches, new StatsSnapshots(caches, clock, Duration.ofSeconds(1)));
  }

  @AfterEach
  void tearDown() {
    caches.close();
  }

  void register(
      String name, String description, String cache, String tier, Supplier<Number> value) {
    assertTrue(!description.isBlank());
    Supplier<Number> previous =
        gauges.put(name + "{cache=\"" + cache + "\",tier=\"" + tier + "\"}", value);
    assertEquals(null, previous, "registered twice: " + name + " " + cache + " " + tier);
  }

  double value(String series) {
    Supplier<Number> gauge = gauges.get(series);
    assertTrue(gauge != null, () -> "no gauge " + series + " in " + gauges.keySet());
    return gauge.get().doubleValue();
  }

  @Test
  void bindNew_registersEveryFigurePerTierAndAll_notPerKey() {
    TieredCache<Object> cache = caches.cache("brand-stats", Object.class);
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, "v");
    }
    assertEquals(List.of("brand-stats"), binding.bindNew(this::register));
    long tierFigures = CacheMetricsBinding.FIGURES.stream().filter(f -> f.tier() != null).count();
    assertEquals(
        tierFigures + CacheMetricsBinding.FIGURES.size(),
        gauges.size(),
        "near + all, whatever the keys");
    for (String name :
        List.of(
            "requests",
            "hits",
            "misses",
            "hit_rate",
            "puts",
            "evictions",
            "expirations",
            "size",
            "bytes",
            "compression_ratio",
            "errors")) {
      assertTrue(
          gauges.containsKey("stratacache_cache_" + name + "{cache=\"brand-stats\",tier=\"near\"}"),
          name);
      assertTrue(
          gauges.containsKey("stratacache_cache_" + name + "{cache=\"brand-stats\",tier=\"all\"}"),
          name);
    }
    for (String name :
        List.of(
            "loads",
            "load_time_seconds",
            "load_failures",
            "stale_hits",
            "negative_hits",
            "refreshes")) {
      assertTrue(
          gauges.containsKey("stratacache_cache_" + name + "{cache=\"brand-stats\",tier=\"all\"}"),
          name);
    }
  }

  @Test
  void gauges_followTheStats_throughOneSecondSnapshots() {
    TieredCache<Object> cache = caches.cache("brand-stats", Object.class);
    binding.bindNew(this::register);
    cache.put("k", "v");
    cache.get("k", k -> "loaded");
    cache.get("missing", k -> "loaded");
    String nearHits = "stratacache_cache_hits{cache=\"brand-stats\",tier=\"near\"}";
    assertEquals(1, value(nearHits));
    assertEquals(1, value("stratacache_cache_loads{cache=\"brand-stats\",tier=\"all\"}"));
    assertEquals(0.5, value("stratacache_cache_hit_rate{cache=\"brand-stats\",tier=\"all\"}"));
    assertEquals(2, value("stratacache_cache_size{cache=\"brand-stats\",tier=\"near\"}"));

    cache.get("k", k -> "loaded");
    assertEquals(1, value(nearHits), "same snapshot within a second");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, value(nearHits), "a new snapshot after a second");
  }

  @Test
  void bindNew_picksUpCachesCreatedLater_once() {
    caches.cache("a", Object.class);
    assertEquals(List.of("a"), binding.bindNew(this::register));
    assertEquals(List.of(), binding.bindNew(this::register));
    caches.cache("b", Object.class);
    assertEquals(List.of("b"), binding.bindNew(this::register));
    assertTrue(gauges.containsKey("stratacache_cache_hits{cache=\"b\",tier=\"near\"}"));
  }

  @Test
  void snapshots_unknownCache_empty() {
    assertTrue(new StatsSnapshots(caches, clock, Duration.ofSeconds(1)).of("nope").isEmpty());
  }
}
