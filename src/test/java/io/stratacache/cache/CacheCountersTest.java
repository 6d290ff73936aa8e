package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratacache.cache.codec.Codecs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counters add up to the cache's stats with the tiers' counters. */
class CacheCountersTest {
  private final FakeClock clock = new FakeClock();
  private final CacheCounters counters = new CacheCounters();
  private final PayloadEncoder<String> encoder =
      new PayloadEncoder<>(Codecs.named("binary", String.class, List.of()), 0);

  @Test
  void stats_requestsAreTierHitsStaleHitsAndMisses() {
    GuardedTier<byte[]> grid = new GuardedTier<>(new MemoryTier("grid", clock), "c", clock);
    grid.hit();
    grid.hit();
    grid.miss();
    counters.staleHit();
    counters.miss();
    counters.miss();
    counters.missTurnedStale();
    CacheStats stats = counters.stats("c", List.of(grid), null, encoder, null, null);
    assertEquals(2, stats.hits());
    assertEquals(2, stats.staleHits());
    assertEquals(1, stats.misses());
    assertEquals(5, stats.requests());
    assertEquals(0.8, stats.hitRate(), 1e-9);
    assertEquals(1, stats.tier("grid").orElseThrow().misses());
  }

  @Test
  void stats_averageLoadTimeOverLoadsAndFailures() {
    counters.loaded(2_000_000, false);
    counters.loaded(4_000_000, true);
    CacheStats stats = counters.stats("c", List.of(), null, encoder, null, null);
    assertEquals(1, stats.loads());
    assertEquals(1, stats.loadFailures());
    assertEquals(3.0, stats.averageLoadMillis(), 1e-9);
  }

  @Test
  void stats_uncachedValuesCountAsErrors() {
    counters.uncached();
    assertEquals(1, counters.stats("c", List.of(), null, encoder, null, null).errors());
  }
}
