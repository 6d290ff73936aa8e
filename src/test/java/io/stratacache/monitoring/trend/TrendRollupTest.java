package io.stratacache.monitoring.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hourly rows made of an hour's minute rows of every member. */
class TrendRollupTest {

  static TrendRow minute(
      String instance,
      String at,
      String cache,
      long requests,
      long hits,
      double p99,
      double load,
      long nearEntries) {
    return new TrendRow(
        instance,
        Instant.parse(at),
        1,
        cache,
        requests,
        hits,
        requests - hits,
        p99,
        load,
        0,
        0,
        0,
        0,
        new TierLevels(nearEntries, nearEntries * 10, 0, 0, 50, 500));
  }

  @Test
  void hourly_averagesCounts_recomputesRate_keepsLastLevels() {
    List<TrendRow> hours =
        TrendRollup.hourly(
            List.of(
                minute("m", "2026-11-01T10:59:00Z", "a", 30, 30, 4.0, 0, 9),
                minute("m", "2026-11-01T10:00:00Z", "a", 10, 0, 1.0, 6.0, 1),
                minute("m", "2026-11-01T10:30:00Z", "a", 20, 0, 2.0, 2.0, 5),
                minute("m", "2026-11-01T11:00:00Z", "a", 7, 7, 0, 0, 100),
                minute("m", "2026-11-01T10:30:00Z", "z", 20, 10, 2.0, 0, 5)));

    assertEquals(3, hours.size());
    TrendRow a10 = hours.get(0);
    assertEquals(TrendRow.CLUSTER, a10.instance());
    assertEquals(JdbcTrendStore.HOUR, a10.resolution());
    assertEquals(Instant.parse("2026-11-01T10:00:00Z"), a10.at());
    assertEquals("a", a10.cache());
    assertEquals(20, a10.requests()); // (10 + 20 + 30) / 3
    assertEquals(10, a10.hits());
    assertEquals(10, a10.misses());
    assertEquals(0.5, a10.point().hitRate(), 1e-9);
    assertEquals(4.0, a10.getP99Millis());
    assertEquals(4.0, a10.loadAvgMillis()); // the mean of the minutes that loaded
    assertEquals(9, a10.levels().nearEntries());
    assertEquals(50, a10.point().entries()); // the store is the largest tier
    assertEquals("z", hours.get(1).cache());
    assertEquals(Instant.parse("2026-11-01T11:00:00Z"), hours.get(2).at());
    assertEquals(1.0, hours.get(2).point().hitRate());
  }

  @Test
  void hourly_twoMembers_sumsEachMinuteFirst_thenAveragesTheMinutesThatHaveRows() {
    List<TrendRow> hours =
        TrendRollup.hourly(
            List.of(
                minute("m1", "2026-11-01T10:01:00Z", "a", 60, 60, 1.0, 0, 3),
                minute("m2", "2026-11-01T10:01:00Z", "a", 30, 0, 7.0, 0, 4),
                minute("m1", "2026-11-01T10:02:00Z", "a", 60, 60, 1.0, 0, 5),
                // m2 missed 10:02
                minute("m1", "2026-11-01T10:03:00Z", "a", 60, 60, 1.0, 0, 6),
                minute("m2", "2026-11-01T10:03:00Z", "a", 30, 0, 2.0, 0, 8)));

    assertEquals(1, hours.size());
    TrendRow h = hours.get(0);
    assertEquals(80, h.requests()); // minutes of 90, 60 and 90
    assertEquals(60, h.hits());
    assertEquals(7.0, h.getP99Millis());
    assertEquals(14, h.levels().nearEntries()); // 10:03: 6 + 8
    assertEquals(50, h.levels().storeEntries()); // counted once
  }
}
