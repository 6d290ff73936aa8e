package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A warm-up's lookups are counted apart from the clients', so the hit rate judges the clients. */
class WarmupTrafficTest {
  private final CacheFixture f = new CacheFixture(CacheFixture.allTiers());

  @Test
  void get_insideWarmup_countedAsWarmupNotAsClientMiss() throws Exception {
    CacheTraffic.warmup(() -> f.cache.get("a", f.counting()));
    CacheStats stats = f.cache.stats();
    assertEquals(0, stats.requests());
    assertEquals(0, stats.misses());
    assertEquals(1, stats.warmupRequests());
    assertEquals(1, stats.loads(), "the warm-up's load is a load");

    f.cache.get("a", f.counting()); // the client's near hit
    stats = f.cache.stats();
    assertEquals(1, stats.requests());
    assertEquals(1.0, stats.hitRate());
  }

  @Test
  void getAll_insideWarmup_gridHitsAndMissesCountedAsWarmup() throws Exception {
    f.cache.put("g", brand("g"));
    f.cache.nearTier().remove("g");
    CacheTraffic.warmup(
        () -> f.cache.getAll(List.of("g", "x", "y"), keys -> Map.of("x", brand("x"))));
    CacheStats stats = f.cache.stats();
    assertEquals(0, stats.requests());
    assertEquals(0, stats.tier("grid").orElseThrow().hits(), "the grid hit was the warm-up's");
    assertEquals(3, stats.warmupRequests());
  }

  @Test
  void warmup_markEndsWithTheWork() throws Exception {
    CacheTraffic.warmup(() -> null);
    assertFalse(CacheTraffic.isWarmup());
    f.cache.get("a", f.counting());
    assertEquals(1, f.cache.stats().misses());
    assertEquals(0, f.cache.stats().warmupRequests());
  }
}
