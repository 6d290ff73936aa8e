package io.stratacache.monitoring.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hourly point made of an hour's minute points. */
class TrendRollupTest {

  static TrendPoint minute(
      String at, String cache, long requests, long hits, double p99, double load, long entries) {
    return new TrendPoint(
        Instant.parse(at),
        cache,
        requests,
        hits,
        requests - hits,
        0,
        p99,
        load,
        entries,
        entries * 10);
  }

  @Test
  void hourly_averagesCounts_recomputesRate_keepsLastLevels() {
    List<TrendPoint> hours =
        TrendRollup.hourly(
            List.of(
                minute("2026-11-01T10:59:00Z", "a", 30, 30, 4.0, 0, 9),
                minute("2026-11-01T10:00:00Z", "a", 10, 0, 1.0, 6.0, 1),
                minute("2026-11-01T10:30:00Z", "a", 20, 0, 2.0, 2.0, 5),
                minute("2026-11-01T11:00:00Z", "a", 7, 7, 0, 0, 100),
                minute("2026-11-01T10:30:00Z", "all", 20, 10, 2.0, 0, 5)));

    assertEquals(3, hours.size());
    TrendPoint a10 = hours.get(0);
    assertEquals(Instant.parse("2026-11-01T10:00:00Z"), a10.at());
    assertEquals("a", a10.cache());
    assertEquals(20, a10.requests()); // (10 + 20 + 30) / 3
    assertEquals(10, a10.hits());
    assertEquals(10, a10.misses());
    assertEquals(0.5, a10.hitRate(), 1e-9); // 30 hits / 60 requests
    assertEquals(4.0, a10.getP99Millis());
    assertEquals(4.0, a10.loadAvgMillis()); // the mean of the minutes that loaded
    assertEquals(9, a10.entries());
    assertEquals(90, a10.bytes());
    assertEquals("all", hours.get(1).cache());
    assertEquals(Instant.parse("2026-11-01T11:00:00Z"), hours.get(2).at());
    assertEquals(1.0, hours.get(2).hitRate());
  }
}
