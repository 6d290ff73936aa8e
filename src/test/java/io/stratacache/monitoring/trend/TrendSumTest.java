package io.stratacache.monitoring.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Summing members' rows and caches' points, without a database. */
class TrendSumTest {

  static final Instant AT = Instant.parse("2026-11-01T10:01:00Z");

  static TrendRow row(
      String instance,
      String cache,
      long requests,
      long hits,
      long misses,
      double p99,
      double load) {
    return new TrendRow(
        instance,
        AT,
        1,
        cache,
        requests,
        hits,
        misses,
        p99,
        load,
        requests,
        requests * 2.0,
        0,
        0,
        new TierLevels(1, 10, 0, 0, 0, 0));
  }

  @Test
  void points_all_sumsCounts_largestP99_loadAverageWeightedByMisses_ignoringUnknown() {
    List<TrendPoint> points =
        TrendSum.points(
            List.of(
                row("m1", "a", 100, 90, 10, 4.0, 10.0),
                row("m1", "b", 50, 20, 30, 9.0, 30.0),
                row("m2", "b", 10, 0, 10, 1.0, 0.0)), // a load average it cannot tell
            Optional.of(TrendPoint.ALL));

    assertEquals(1, points.size());
    TrendPoint all = points.get(0);
    assertEquals(TrendPoint.ALL, all.cache());
    assertEquals(160, all.requests());
    assertEquals(110, all.hits());
    assertEquals(50, all.misses());
    assertEquals(110.0 / 160, all.hitRate(), 1e-9);
    assertEquals(9.0, all.getP99Millis());
    // b: m1's 30 ms over its 30 misses (m2's unknown average does not drag it to 0) = 30 ms,
    // weighted by b's 40 misses; a: 10 ms over 10 misses
    assertEquals((10.0 * 10 + 30.0 * 40) / 50, all.loadAvgMillis(), 1e-9);
    assertEquals(3, all.entries());
    assertEquals(30, all.bytes());
  }

  @Test
  void overMembers_noMisses_loadAverageIsPlainMeanOfKnownOnes() {
    TrendRow sum =
        TrendSum.overMembers(
                List.of(
                    row("m1", "a", 10, 10, 0, 1, 4.0),
                    row("m2", "a", 10, 10, 0, 1, 8.0),
                    row("m3", "a", 10, 10, 0, 1, 0)))
            .get(0);

    assertEquals(TrendRow.CLUSTER, sum.instance());
    assertEquals(6.0, sum.loadAvgMillis(), 1e-9);
    assertEquals(30, sum.gets());
    assertEquals(60.0, sum.getMillis(), 1e-9);
  }
}
