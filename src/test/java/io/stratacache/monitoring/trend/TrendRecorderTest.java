package io.stratacache.monitoring.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "all" point of a snapshot and the figures a tier cannot tell. */
class TrendRecorderTest {

  static final Instant START = Instant.parse("2026-11-01T10:00:00Z");
  static final Instant MINUTE = START.plusSeconds(60);

  @Test
  void record_all_sumsCounts_largestP99_loadAverageWeightedByMisses() {
    TrendRecorder recorder = new TrendRecorder(START);
    List<TrendPoint> points =
        recorder.record(
            MINUTE,
            MINUTE,
            List.of(
                new CacheReading("a", 100, 90, 10, 4.0, 10.0, 5, 500),
                new CacheReading("b", 50, 20, 30, 9.0, 30.0, 7, 700)));

    TrendPoint all = points.get(2);
    assertEquals(TrendPoint.ALL, all.cache());
    assertEquals(150, all.requests());
    assertEquals(110, all.hits());
    assertEquals(40, all.misses());
    assertEquals(110.0 / 150, all.hitRate(), 1e-9);
    assertEquals(9.0, all.getP99Millis());
    assertEquals((10.0 * 10 + 30.0 * 30) / 40, all.loadAvgMillis(), 1e-9);
    assertEquals(12, all.entries());
    assertEquals(1200, all.bytes());
  }

  @Test
  void reading_unknownLatency_readsZero() {
    CacheReading r = new CacheReading("a", 1, 1, 0, Double.NaN, -1, 0, 0);
    assertEquals(0.0, r.getP99Millis());
    assertEquals(0.0, r.loadAvgMillis());
  }
}
