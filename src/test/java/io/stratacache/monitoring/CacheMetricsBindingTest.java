package io.stratacache.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.FakeClock;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import io.stratacache.monitoring.latency.LatencyStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gauge names, tags and values of the cache metrics, and the snapshot that feeds them. */
class CacheMetricsBindingTest {

  final FakeClock clock = new FakeClock();
  final Map<String, Supplier<Number>> gauges = new TreeMap<>();
  final Map<String, AtomicLong> counters = new TreeMap<>();
  final LatencyStats latency = new LatencyStats(clock);
  TieredCaches caches;
  CacheMetricsBinding binding;

  @BeforeEach
  void setUp() {
    caches =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .clock(clock)
            .executor(Runnable::run)
            .settings(n -> CacheSettings.builder(n).tiers(true, false, false).ttlJitter(0).build())
            .build();
    caches.addObserver(latency.observer());
    binding =
        new CacheMetricsBinding(
            caches, new StatsSnapshots(caches, clock, Duration.ofSeconds(1)), latency);
  }

  @AfterEach
  void tearDown() {
    caches.close();
  }

  static String series(String name, Map<String, String> tags) {
    StringBuilder b = new StringBuilder(name).append('{');
    tags.forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
    b.setLength(b.length() - 1);
    return b.append('}').toString();
  }

  final MetricSink sink =
      new MetricSink() {
        @Override
        public void gauge(
            String name, String description, Map<String, String> tags, Supplier<Number> value) {
          assertTrue(!description.isBlank());
          Supplier<Number> previous = gauges.put(series(name, tags), value);
          assertEquals(null, previous, "registered twice: " + series(name, tags));
        }

        @Override
        public LongConsumer counter(String name, String description, Map<String, String> tags) {
          assertTrue(!description.isBlank());
          AtomicLong c = new AtomicLong();
          assertEquals(null, counters.put(series(name, tags), c), "registered twice");
          return d -> {
            assertTrue(d > 0, "counters only grow");
            c.addAndGet(d);
          };
        }
      };

  double value(String series) {
    Supplier<Number> gauge = gauges.get(series);
    assertTrue(gauge != null, () -> "no gauge " + series + " in " + gauges.keySet());
    return gauge.get().doubleValue();
  }

  long count(String series) {
    AtomicLong c = counters.get(series);
    assertTrue(c != null, () -> "no counter " + series + " in " + counters.keySet());
    return c.get();
  }

  @Test
  void bindNew_registersEveryFigurePerTierAndAll_notPerKey() {
    TieredCache<Object> cache = caches.cache("brand-stats", Object.class);
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, "v");
    }
    assertEquals(List.of("brand-stats"), binding.bindNew(sink));
    for (String name :
        List.of("requests", "hits", "misses", "puts", "evictions", "expirations", "errors")) {
      assertTrue(counters.containsKey(near(name)), name);
      assertTrue(counters.containsKey(all(name)), name);
    }
    for (String name :
        List.of("loads", "load_failures", "stale_hits", "negative_hits", "refreshes")) {
      assertTrue(counters.containsKey(all(name)), name);
      assertFalse(counters.containsKey(near(name)), name);
    }
    for (String name : List.of("hit_rate", "size", "bytes", "compression_ratio")) {
      assertTrue(gauges.containsKey(near(name)), name);
      assertTrue(gauges.containsKey(all(name)), name);
    }
    assertTrue(gauges.containsKey(all("load_time_seconds")));
    assertTrue(gauges.containsKey(near("breaker_state")));
    assertTrue(gauges.containsKey(near("staleness_seconds")));
    for (String op : List.of("get", "put", "load")) {
      String base = "stratacache_cache_" + op + "_seconds";
      assertTrue(gauges.containsKey(base + "{cache=\"brand-stats\",quantile=\"0.5\"}"), op);
      assertTrue(gauges.containsKey(base + "{cache=\"brand-stats\",quantile=\"0.99\"}"), op);
      for (String suffix : List.of("_max", "_count", "_sum")) {
        assertTrue(gauges.containsKey(base + suffix + "{cache=\"brand-stats\"}"), op + suffix);
      }
    }
    int perCache = gauges.size() + counters.size();
    caches.cache("other", Object.class);
    binding.bindNew(sink);
    assertEquals(2 * perCache, gauges.size() + counters.size(), "a fixed number per cache");
    assertTrue(
        gauges.keySet().stream().noneMatch(k -> k.contains("k1")), "never one metric per key");
  }

  static String near(String figure) {
    return "stratacache_cache_" + figure + "{cache=\"brand-stats\",tier=\"near\"}";
  }

  static String all(String figure) {
    return "stratacache_cache_" + figure + "{cache=\"brand-stats\",tier=\"all\"}";
  }

  @Test
  void sync_addsTheGrowthOfEachTotal_toRealCounters() {
    TieredCache<Object> cache = caches.cache("brand-stats", Object.class);
    binding.bindNew(sink);
    cache.put("k", "v");
    cache.get("k", k -> "loaded");
    cache.get("k", k -> "loaded");
    cache.get("missing", k -> "loaded");
    binding.sync();
    assertEquals(2, count(near("hits")));
    assertEquals(2, count(all("hits")));
    assertEquals(1, count(all("misses")));
    assertEquals(1, count(all("loads")));
    assertEquals(3, count(all("requests")));
    binding.sync();
    assertEquals(2, count(all("hits")), "no growth, no increment (same snapshot)");
    cache.get("k", k -> "loaded");
    clock.advance(Duration.ofSeconds(1));
    value(all("hit_rate")); // a scrape of the hit-rate gauge syncs its cache's counters
    assertEquals(3, count(all("hits")));
  }

  @Test
  void counterFeed_addsDeltas_ignoresUnknownAndShrinkingTotals() {
    AtomicLong counter = new AtomicLong();
    CounterFeed feed = new CounterFeed(counter::addAndGet);
    assertEquals(5, feed.advance(5));
    assertEquals(0, feed.advance(5));
    assertEquals(0, feed.advance(-1), "unknown total (tier down)");
    assertEquals(0, feed.advance(3), "a total reading low adds nothing");
    assertEquals(2, feed.advance(7), "catches up from the old high");
    assertEquals(7, counter.get());
  }

  @Test
  void latencyGauges_followTheObserver() {
    TieredCache<Object> cache = caches.cache("brand-stats", Object.class);
    binding.bindNew(sink);
    latency.onGet("brand-stats", "k", 2_000_000);
    latency.onGet("brand-stats", "k", 4_000_000);
    String get = "stratacache_cache_get_seconds";
    assertEquals(2, value(get + "_count{cache=\"brand-stats\"}"));
    assertEquals(0.006, value(get + "_sum{cache=\"brand-stats\"}"), 1e-9);
    assertEquals(0.004, value(get + "{cache=\"brand-stats\",quantile=\"0.99\"}"), 0.004 * 0.0625);
    assertTrue(cache != null);
  }

  @Test
  void gauges_followTheStats_throughOneSecondSnapshots() {
    TieredCache<Object> cache = caches.cache("brand-stats", Object.class);
    binding.bindNew(sink);
    cache.put("k", "v");
    cache.get("k", k -> "loaded");
    cache.get("missing", k -> "loaded");
    String nearHitRate = near("hit_rate");
    assertEquals(0.5, value(nearHitRate));
    assertEquals(0.5, value(all("hit_rate")));
    assertEquals(2, value(near("size")));
    assertEquals(0, value(near("breaker_state")));

    cache.get("k", k -> "loaded");
    assertEquals(0.5, value(nearHitRate), "same snapshot within a second");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2.0 / 3, value(nearHitRate), 1e-9, "a new snapshot after a second");
  }

  @Test
  void bindNew_picksUpCachesCreatedLater_once() {
    caches.cache("a", Object.class);
    assertEquals(List.of("a"), binding.bindNew(sink));
    assertEquals(List.of(), binding.bindNew(sink));
    caches.cache("b", Object.class);
    assertEquals(List.of("b"), binding.bindNew(sink));
    assertTrue(counters.containsKey("stratacache_cache_hits{cache=\"b\",tier=\"near\"}"));
  }

  @Test
  void snapshots_unknownCache_empty() {
    assertTrue(new StatsSnapshots(caches, clock, Duration.ofSeconds(1)).of("nope").isEmpty());
  }
}
