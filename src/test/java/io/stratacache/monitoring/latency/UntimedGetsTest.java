package io.stratacache.monitoring.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratacache.cache.CacheClock;
import io.stratacache.cache.CacheObserver;
import org.junit.jupiter.api.Test;

/** Reads outside the core's timing sample are counted, not timed; the sum is scaled. */
class UntimedGetsTest {

  @Test
  void untimedGets_counted_percentilesAndMeanFromTimedSample() {
    LatencyStats stats = new LatencyStats(CacheClock.system());
    stats.onGet("c", "k", 2_000_000);
    stats.onGet("c", "k", 2_000_000);
    for (int i = 0; i < 30; i++) {
      stats.onGet("c", "k", CacheObserver.UNTIMED);
    }
    LatencySnapshot get = stats.totals("c").get();
    assertEquals(32, get.count());
    assertEquals(2.0, get.meanMillis(), 0.01);
    assertEquals(2.0, get.quantileMillis(0.99), 0.2);
    assertEquals(32, stats.of("c").orElseThrow().gets());
  }
}
