package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheFixture.Brand;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every request is counted once, per cache and per tier. */
class StatsTest {
  private final CacheFixture f =
      new CacheFixture(CacheFixture.allTiers().nearMaxEntries(2).compressionThreshold(512));

  @Test
  void stats_countRequestsHitsMissesLoadsAndPuts() {
    f.cache.get("a", f.counting()); // miss, load
    f.cache.get("a", f.counting()); // near hit
    f.cache.peek("b"); // miss
    f.cache.put("b", brand("b"));
    f.cache.peek("b"); // near hit
    f.clock.advance(Duration.ofMillis(1));
    CacheStats stats = f.cache.stats();
    assertEquals(4, stats.requests());
    assertEquals(2, stats.hits());
    assertEquals(2, stats.misses());
    assertEquals(0.5, stats.hitRate());
    assertEquals(1, stats.loads());
    assertEquals(1, stats.puts());
    TierStats near = stats.tier("near").orElseThrow();
    assertEquals(4, near.requests());
    assertEquals(2, near.hits());
    assertEquals(2, near.size());
    assertTrue(near.bytes() > 0, "encoded size of near values");
    TierStats grid = stats.tier("grid").orElseThrow();
    assertEquals(2, grid.requests());
    assertEquals(2, grid.puts(), "one load, one put");
    assertEquals(2, grid.size());
  }

  @Test
  void stats_nearEvictionsCounted() {
    for (int i = 0; i < 20; i++) {
      f.cache.put("k" + i, brand("b"));
    }
    f.cache.nearTier().purgeExpired();
    CacheStats stats = f.cache.stats();
    assertTrue(stats.tier("near").orElseThrow().evictions() >= 18, "max 2 entries");
    assertTrue(stats.evictions() >= 18);
  }

  @Test
  void stats_compressionRatioOfLargeValues() {
    assertEquals(1.0, f.cache.stats().compressionRatio());
    String text = "brand north south growth revenue ".repeat(100);
    f.cache.put("big", new Brand(text, 1, List.of()));
    CacheStats stats = f.cache.stats();
    assertTrue(stats.compressionRatio() > 3, "ratio " + stats.compressionRatio());
    assertEquals(stats.compressionRatio(), stats.tier("grid").orElseThrow().compressionRatio());
    assertEquals(1.0, stats.tier("near").orElseThrow().compressionRatio());
    assertTrue(f.grid.entries.get("big").weight() < text.length() / 3);
  }

  @Test
  void stats_loadTimeFromTheClock() {
    f.cache.get(
        "slow",
        key -> {
          f.clock.advance(Duration.ofMillis(250));
          return brand(key);
        });
    CacheStats stats = f.cache.stats();
    assertEquals(250_000_000L, stats.totalLoadTimeNanos());
    assertEquals(250.0, stats.averageLoadMillis());
  }
}
