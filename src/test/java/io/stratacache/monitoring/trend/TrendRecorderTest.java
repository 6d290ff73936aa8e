package io.stratacache.monitoring.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One member's rows of a snapshot and the figures a tier cannot tell. */
class TrendRecorderTest {

  static final Instant START = Instant.parse("2026-11-01T10:00:00Z");
  static final Instant MINUTE = START.plusSeconds(60);

  @Test
  void record_perCacheRows_ofThisMember_withTimedCallsInMillis() {
    TrendRecorder recorder = new TrendRecorder("member-1", START);
    TierLevels levels = new TierLevels(5, 500, 6, 600, 7, 700);
    recorder.record(
        MINUTE,
        MINUTE,
        List.of(new CacheReading("a", 100, 90, 10, 20, 40_000_000, 4, 8_000_000, 4, 10, levels)));
    List<TrendRow> rows =
        recorder.record(
            MINUTE.plusSeconds(60),
            MINUTE.plusSeconds(60),
            List.of(
                new CacheReading("a", 160, 140, 20, 50, 100_000_000, 6, 18_000_000, 4, 10, levels),
                new CacheReading("b", 3, 3, 0, 0, 0, levels)));

    assertEquals(2, rows.size(), "one row per cache, no all row");
    TrendRow a = rows.get(0);
    assertEquals("member-1", a.instance());
    assertEquals(JdbcTrendStore.MINUTE, a.resolution());
    assertEquals(60, a.requests());
    assertEquals(50, a.hits());
    assertEquals(10, a.misses());
    assertEquals(30, a.gets());
    assertEquals(60.0, a.getMillis(), 1e-9);
    assertEquals(2, a.puts());
    assertEquals(10.0, a.putMillis(), 1e-9);
    assertEquals(levels, a.levels());
    assertEquals(2, rows.get(1).requests(), "read first: 3 since start, two minutes ago");
  }

  @Test
  void reading_unknownLatency_readsZero() {
    CacheReading r = new CacheReading("a", 1, 1, 0, Double.NaN, -1, TierLevels.NONE);
    assertEquals(0.0, r.getP99Millis());
    assertEquals(0.0, r.loadAvgMillis());
  }

  @Test
  void levels_unknownTierFigures_readZero() {
    TierLevels l = new TierLevels(-1, -1, 3, 30, -1, -1);
    assertEquals(3, l.entries());
    assertEquals(30, l.bytes());
  }
}
