package io.stratacache.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.FakeClock;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import io.stratacache.monitoring.latency.LatencyStats;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Windows over the sampled counters, with a fake clock. */
class CacheHistoryTest {

  final FakeClock clock = new FakeClock();
  final LatencyStats latency = new LatencyStats(clock);
  final TieredCaches caches =
      TieredCaches.builder()
          .near(CaffeineNearTier.factory())
          .clock(clock)
          .executor(Runnable::run)
          .settings(
              n ->
                  CacheSettings.builder(n)
                      .tiers(true, false, false)
                      .nearTtl(Duration.ofHours(2))
                      .ttlJitter(0)
                      .build())
          .build();
  final CacheHistory history =
      new CacheHistory(n -> caches.find(n).map(TieredCache::stats), latency, clock);

  @AfterEach
  void tearDown() {
    caches.close();
  }

  @Test
  void window_isNowMinusTheNewestSampleOldEnough_elseSinceStart() {
    caches.addObserver(latency.observer());
    TieredCache<Object> c = caches.cache("c", Object.class);
    for (int i = 0; i < 10; i++) {
      c.get("miss" + i, k -> "v"); // 10 misses
    }
    CacheWindow start = history.window("c", Duration.ofSeconds(300)).orElseThrow();
    assertEquals(10, start.requests(), "younger than the window: since start");
    assertEquals(10, start.misses());
    assertEquals(10, start.loads());
    assertEquals(10, start.gets());

    history.sample("c");
    clock.advance(Duration.ofSeconds(300));
    for (int i = 0; i < 10; i++) {
      c.get("miss" + i, k -> "v"); // 10 hits
    }
    history.sample("c");
    clock.advance(Duration.ofSeconds(30));
    c.get("miss0", k -> "v");
    CacheWindow w = history.window("c", Duration.ofSeconds(300)).orElseThrow();
    assertEquals(330, w.seconds(), "from the first sample, the newest at least 300 s old");
    assertEquals(11, w.requests());
    assertEquals(11, w.hits());
    assertEquals(1.0, w.hitRate());
    CacheWindow last = history.window("c", Duration.ofSeconds(30)).orElseThrow();
    assertEquals(1, last.requests(), "from the second sample");
    assertTrue(history.window("nope", Duration.ofSeconds(30)).isEmpty());
    assertEquals(Optional.empty(), history.window("nope", Duration.ofSeconds(1)));
  }

  @Test
  void idleWindow_hitRateOne() {
    caches.cache("c", Object.class);
    CacheWindow w = history.window("c", Duration.ofSeconds(60)).orElseThrow();
    assertEquals(0, w.requests());
    assertEquals(1.0, w.hitRate(), "an idle cache is not a failing one");
  }
}
