package io.stratacache.monitoring.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.FakeClock;
import io.stratacache.platform.JdbcClusterClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshots, roll-up and retention of the trend history against the real schema, driven by a clock
 * the test moves; run on H2 ({@link TrendHistoryH2Test}) and PostgreSQL ({@link
 * TrendHistoryPostgresTest}).
 */
abstract class TrendHistoryContract {

  static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

  FakeClock clock;
  DataSource dataSource;
  JdbcTrendStore store;
  TrendHistory history;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = emptyDatabase();
    clock = new FakeClock(START);
    store = new JdbcTrendStore(dataSource);
    history = member("instance-a");
  }

  /** A database with the trend tables and the cluster claims, empty. */
  abstract DataSource emptyDatabase() throws Exception;

  static CacheReading reading(String cache, long requests, long hits, long entries) {
    return new CacheReading(
        cache,
        requests,
        hits,
        requests - hits,
        2.5,
        10.0,
        new TierLevels(entries, entries * 100, 0, 0, 0, 0));
  }

  List<TrendPoint> all(Duration window) throws Exception {
    return history.series(window, Optional.of(TrendPoint.ALL));
  }

  @Test
  void tick_storesPerMinuteDeltas_perCacheAndAll() throws Exception {
    clock.advance(Duration.ofMinutes(1));
    history.tick(List.of(reading("a", 100, 90, 5), reading("b", 20, 10, 7)));
    clock.advance(Duration.ofMinutes(1));
    TrendHistory.Tick t = history.tick(List.of(reading("a", 160, 140, 6), reading("b", 20, 10, 8)));

    assertTrue(t.claimed());
    assertEquals(2, t.points()); // this member's rows: "a" and "b"; "all" is summed when read
    List<TrendPoint> second =
        history.series(Duration.ofSeconds(30), Optional.empty()).stream().toList();
    assertEquals(List.of("a", "all", "b"), second.stream().map(TrendPoint::cache).toList());
    TrendPoint a = second.get(0);
    assertEquals(Instant.parse("2026-11-01T10:02:00Z"), a.at());
    assertEquals(60, a.requests());
    assertEquals(50, a.hits());
    assertEquals(10, a.misses());
    assertEquals(50.0 / 60, a.hitRate(), 1e-9);
    assertEquals(6, a.entries());
    TrendPoint b = second.get(2);
    assertEquals(0, b.requests());
    assertEquals(0.0, b.hitRate());
    TrendPoint sum = second.get(1);
    assertEquals(60, sum.requests());
    assertEquals(50, sum.hits());
    assertEquals(14, sum.entries());
    assertEquals(1400, sum.bytes());
    assertEquals(2.5, sum.getP99Millis());
  }

  @Test
  void tick_firstReading_countsSinceStartScaledToAMinute() throws Exception {
    clock.advance(Duration.ofMinutes(2));
    history.tick(List.of(reading("a", 200, 100, 1)));

    TrendPoint p = all(Duration.ofMinutes(5)).get(0);
    assertEquals(100, p.requests());
    assertEquals(50, p.hits());
  }

  @Test
  void tick_firstReadingSoonAfterStart_countsAsOneMinuteNotExtrapolated() throws Exception {
    clock.advance(Duration.ofMillis(8)); // the first tick came 8 ms after the history was made
    history.tick(List.of(reading("a", 45, 40, 1)));
    clock.advance(Duration.ofSeconds(59)); // and the next one a second early
    history.tick(List.of(reading("a", 105, 100, 1)));

    List<TrendPoint> points = all(Duration.ofMinutes(5));
    assertEquals(45, points.get(0).requests());
    assertEquals(60, points.get(1).requests());
  }

  @Test
  void tick_afterMissedMinutes_scalesTheChangeToOneMinute() throws Exception {
    clock.advance(Duration.ofMinutes(1));
    history.tick(List.of(reading("a", 0, 0, 1)));
    clock.advance(Duration.ofMinutes(3));
    history.tick(List.of(reading("a", 300, 150, 1)));

    List<TrendPoint> points = all(Duration.ofMinutes(10));
    assertEquals(2, points.size());
    assertEquals(100, points.get(1).requests());
    assertEquals(50, points.get(1).hits());
  }

  @Test
  void tick_counterWentBackwards_countsFromZero() throws Exception {
    clock.advance(Duration.ofMinutes(1));
    history.tick(List.of(reading("a", 500, 400, 1)));
    clock.advance(Duration.ofMinutes(1));
    history.tick(List.of(reading("a", 30, 15, 1)));

    assertEquals(30, all(Duration.ofSeconds(30)).get(0).requests());
  }

  @Test
  void tick_sameMinuteTwiceOnOneInstance_storedOnce() throws Exception {
    clock.advance(Duration.ofSeconds(59)); // a timer firing a second early names the same minute
    TrendHistory.Tick first = history.tick(List.of(reading("a", 10, 5, 1)));
    clock.advance(Duration.ofSeconds(2));
    TrendHistory.Tick again = history.tick(List.of(reading("a", 99, 99, 1)));

    assertEquals(first.minute(), again.minute());
    assertEquals(1, first.points());
    assertEquals(0, again.points());
    List<TrendPoint> points = all(Duration.ofMinutes(5));
    assertEquals(1, points.size());
    assertEquals(10, points.get(0).requests());
  }

  @Test
  void tick_after24Hours_rollsMinutesUpToHourlyAverages() throws Exception {
    // 10:01 .. 12:00: two hours of minutes, 60 requests a minute in the first hour, 120 in the
    // second
    long requests = 0;
    for (int m = 1; m <= 120; m++) {
      clock.advance(Duration.ofMinutes(1));
      requests += m <= 59 ? 60 : 120; // the 11:00 point belongs to hour 11
      history.tick(List.of(reading("a", requests, requests / 2, m)));
    }
    assertEquals(120, all(Duration.ofHours(3)).size());

    clock.advance(Duration.ofHours(24).plusMinutes(30)); // now 12:30 the next day
    TrendHistory.Tick t = history.tick(List.of(reading("a", requests, requests / 2, 500)));

    assertEquals(119, t.rolledUp()); // 10:01..11:59 of "a", the only cache rows
    List<TrendPoint> points = history.series(Duration.ofHours(27), Optional.of("a"));
    assertEquals(4, points.size(), points::toString);
    TrendPoint h10 = points.get(0);
    assertEquals(Instant.parse("2026-11-01T10:00:00Z"), h10.at());
    assertEquals(60, h10.requests());
    assertEquals(30, h10.hits());
    assertEquals(0.5, h10.hitRate(), 1e-9);
    assertEquals(59, h10.entries()); // the level of the hour's last minute, 10:59
    TrendPoint h11 = points.get(1);
    assertEquals(Instant.parse("2026-11-01T11:00:00Z"), h11.at());
    assertEquals(120, h11.requests());
    assertEquals(119, h11.entries());
    // the hour from 12:00 is not entirely 24 hours old yet: its minute stays a minute point
    assertEquals(Instant.parse("2026-11-01T12:00:00Z"), points.get(2).at());
    assertEquals(120, points.get(2).requests());
    assertEquals(Instant.parse("2026-11-02T12:30:00Z"), points.get(3).at());
  }

  @Test
  void tick_after30Days_deletesOlderPoints() throws Exception {
    clock.advance(Duration.ofMinutes(1));
    history.tick(List.of(reading("a", 10, 5, 1)));
    clock.advance(Duration.ofDays(29));
    history.tick(List.of(reading("a", 20, 10, 1)));
    assertEquals(2, all(Duration.ofDays(30)).size());

    clock.advance(Duration.ofDays(1).plusMinutes(1)); // the first point is now older than 30 days
    TrendHistory.Tick t = history.tick(List.of(reading("a", 30, 15, 1)));

    assertEquals(1, t.purged()); // its "a" row (rolled up to an hour by then)
    List<TrendPoint> left = all(Duration.ofDays(40));
    assertEquals(2, left.size(), left::toString);
    assertTrue(left.get(0).at().isAfter(START.plus(Duration.ofDays(1))));
  }

  @Test
  void series_window_excludesOlderPoints() throws Exception {
    for (int m = 1; m <= 10; m++) {
      clock.advance(Duration.ofMinutes(1));
      history.tick(List.of(reading("a", m * 10L, m * 5L, 1)));
    }

    assertEquals(3, all(Duration.ofMinutes(2)).size());
    assertEquals(10, all(Duration.ofMinutes(60)).size());
    assertEquals(20, history.series(Duration.ofMinutes(60), Optional.empty()).size());
    assertTrue(history.series(Duration.ofMinutes(60), Optional.of("nope")).isEmpty());
  }

  // --- the cluster: several members writing into one database ---

  static final TierLevels NEAR_ONLY = new TierLevels(0, 0, 0, 0, 0, 0);

  static CacheReading reading(
      String cache, long requests, long hits, double p99, double load, TierLevels levels) {
    return new CacheReading(cache, requests, hits, requests - hits, p99, load, levels);
  }

  TrendHistory member(String id) {
    return new TrendHistory(store, new JdbcClusterClaims(dataSource, clock, id), clock, id);
  }

  @Test
  void series_twoMembers_sumsCountsRecomputesRateLargestP99LoadWeightedByMisses() throws Exception {
    TrendHistory b = member("instance-b");
    clock.advance(Duration.ofMinutes(1));
    history.tick(
        List.of(
            reading("a", 100, 90, 4.0, 10.0, new TierLevels(5, 500, 0, 0, 0, 0)),
            reading("c", 10, 10, 1.0, 0, NEAR_ONLY)));
    b.tick(
        List.of(
            reading("a", 50, 20, 9.0, 30.0, new TierLevels(7, 700, 0, 0, 0, 0)),
            reading("c", 30, 0, 2.0, 5.0, NEAR_ONLY)));

    List<TrendPoint> points = history.series(Duration.ofMinutes(5), Optional.empty());
    assertEquals(List.of("a", "all", "c"), points.stream().map(TrendPoint::cache).toList());
    TrendPoint a = points.get(0);
    assertEquals(150, a.requests());
    assertEquals(110, a.hits());
    assertEquals(40, a.misses());
    assertEquals(110.0 / 150, a.hitRate(), 1e-9); // from the sums, not the mean of 0.9 and 0.4
    assertEquals(9.0, a.getP99Millis()); // the worst member
    assertEquals((10.0 * 10 + 30.0 * 30) / 40, a.loadAvgMillis(), 1e-9);
    assertEquals(12, a.entries()); // near tiers summed
    assertEquals(1200, a.bytes());
    TrendPoint all = points.get(1);
    assertEquals(190, all.requests());
    assertEquals(120, all.hits());
    assertEquals(70, all.misses());
    assertEquals(120.0 / 190, all.hitRate(), 1e-9);
    assertEquals(9.0, all.getP99Millis());
    // caches weighted by their summed misses: a 40 misses at 25 ms, c 30 misses at 5 ms
    assertEquals((25.0 * 40 + 5.0 * 30) / 70, all.loadAvgMillis(), 1e-9);
    assertEquals(12, all.entries());
    assertEquals(
        points.subList(1, 2), history.series(Duration.ofMinutes(5), Optional.of(TrendPoint.ALL)));
    assertEquals(points.subList(0, 1), b.series(Duration.ofMinutes(5), Optional.of("a")));
  }

  @Test
  void series_levels_nearAndGridSummedOverMembers_storeCountedOnce() throws Exception {
    TrendHistory b = member("instance-b");
    clock.advance(Duration.ofMinutes(1));
    history.tick(List.of(reading("a", 1, 1, 0, 0, new TierLevels(10, 1000, 40, 4000, 90, 9000))));
    b.tick(List.of(reading("a", 1, 1, 0, 0, new TierLevels(20, 2000, 60, 6000, 90, 9000))));

    TrendPoint a = history.series(Duration.ofMinutes(5), Optional.of("a")).get(0);
    assertEquals(100, a.entries()); // the largest tier: the grid, 40 + 60 owned entries
    assertEquals(3000 + 10000 + 9000, a.bytes());
  }

  @Test
  void series_memberMissingAMinute_thatMinuteSumsTheOthers() throws Exception {
    TrendHistory b = member("instance-b");
    clock.advance(Duration.ofMinutes(1)); // 10:01 both
    history.tick(List.of(reading("a", 60, 60, 1)));
    b.tick(List.of(reading("a", 30, 0, 1)));
    clock.advance(Duration.ofMinutes(1)); // 10:02 only A: B's timer did not fire
    history.tick(List.of(reading("a", 120, 120, 1)));
    clock.advance(Duration.ofMinutes(1)); // 10:03 both; B's change spans two minutes
    history.tick(List.of(reading("a", 180, 180, 1)));
    b.tick(List.of(reading("a", 90, 0, 1)));

    List<TrendPoint> points = all(Duration.ofMinutes(10));
    assertEquals(
        List.of(90L, 60L, 90L), points.stream().map(TrendPoint::requests).toList(), "per minute");
    assertEquals(1.0, points.get(1).hitRate()); // A alone
    assertEquals(60.0 / 90, points.get(2).hitRate(), 1e-9);
    assertEquals(2, points.get(0).entries());
    assertEquals(1, points.get(1).entries(), "levels of A's minute only: B's is missing");
  }

  @Test
  void series_memberRestartAndCounterReset_countFromZero() throws Exception {
    TrendHistory b = member("instance-b");
    clock.advance(Duration.ofMinutes(1)); // 10:01
    history.tick(List.of(reading("a", 500, 250, 1)));
    b.tick(List.of(reading("a", 100, 100, 1)));
    clock.advance(Duration.ofSeconds(30)); // B restarts: a new member id, counters from 0
    TrendHistory restarted = member("instance-b2");
    clock.advance(Duration.ofSeconds(30)); // 10:02
    history.tick(List.of(reading("a", 20, 10, 1))); // A's cache was recreated: counter went back
    restarted.tick(List.of(reading("a", 40, 40, 1)));

    List<TrendPoint> points = all(Duration.ofMinutes(10));
    assertEquals(2, points.size(), points::toString);
    assertEquals(600, points.get(0).requests());
    assertEquals(60, points.get(1).requests()); // 20 since A's reset + 40 since B's restart
    assertEquals(50, points.get(1).hits());
  }

  @Test
  void rollUp_twoMembers_hourlyPointsHoldTheClusterSum() throws Exception {
    TrendHistory b = member("instance-b");
    long aRequests = 0;
    long bRequests = 0;
    int maintainedByA = 0;
    for (int m = 1; m <= 120; m++) { // 10:01 .. 12:00
      clock.advance(Duration.ofMinutes(1));
      aRequests += m <= 59 ? 60 : 120;
      bRequests += 30;
      TierLevels shared = new TierLevels(m, 10, 0, 0, 1000, 5000);
      if (history.tick(List.of(reading("a", aRequests, aRequests / 2, 0, 0, shared))).claimed()) {
        maintainedByA++;
      }
      if (m <= 59) { // B stops at 11:00
        assertFalse(b.tick(List.of(reading("a", bRequests, 0, 0, 0, shared))).claimed());
      }
    }
    assertEquals(120, maintainedByA, "the first member to tick claims the minute's housekeeping");

    clock.advance(Duration.ofHours(24).plusMinutes(30)); // now 12:30 the next day
    TrendHistory.Tick t =
        history.tick(List.of(reading("a", aRequests, aRequests / 2, 0, 0, TierLevels.NONE)));

    assertEquals(119 + 59, t.rolledUp()); // A's 10:01..11:59 and B's 10:01..10:59
    List<TrendPoint> points = history.series(Duration.ofHours(27), Optional.of("a"));
    assertEquals(4, points.size(), points::toString);
    TrendPoint h10 = points.get(0);
    assertEquals(Instant.parse("2026-11-01T10:00:00Z"), h10.at());
    assertEquals(90, h10.requests()); // A's 60 + B's 30, the average minute of the cluster
    assertEquals(30, h10.hits());
    assertEquals(30.0 / 90, h10.hitRate(), 1e-9);
    assertEquals(1000, h10.entries()); // the store, counted once although both members read it
    assertEquals(2 * 10 + 5000, h10.bytes()); // near bytes of both members at 10:59
    TrendPoint h11 = points.get(1);
    assertEquals(120, h11.requests()); // A alone
    assertEquals(10 + 5000, h11.bytes());
    assertEquals(
        List.of(h10, h11),
        all(Duration.ofHours(27)).subList(0, 2).stream()
            .map(
                p ->
                    new TrendPoint(
                        p.at(),
                        "a",
                        p.requests(),
                        p.hits(),
                        p.misses(),
                        p.hitRate(),
                        p.getP99Millis(),
                        p.loadAvgMillis(),
                        p.entries(),
                        p.bytes()))
            .toList(),
        "one cache: the all points equal the cache's");
    assertEquals(Instant.parse("2026-11-01T12:00:00Z"), points.get(2).at());
    assertEquals(120, points.get(2).requests());
  }

  @Test
  void purge_after30Days_deletesEveryMembersPoints() throws Exception {
    TrendHistory b = member("instance-b");
    clock.advance(Duration.ofMinutes(1));
    history.tick(List.of(reading("a", 10, 5, 1)));
    b.tick(List.of(reading("a", 30, 5, 1)));
    clock.advance(Duration.ofDays(29));
    TrendHistory.Tick rolled = history.tick(List.of(reading("a", 20, 10, 1)));
    b.tick(List.of(reading("a", 40, 10, 1)));
    assertEquals(2, rolled.rolledUp(), "both members' rows of 10:01 rolled up to one hour");
    List<TrendPoint> before = all(Duration.ofDays(30));
    assertEquals(List.of(40L, 0L), before.stream().map(TrendPoint::requests).toList());

    clock.advance(Duration.ofDays(1).plusMinutes(1));
    TrendHistory.Tick t = b.tick(List.of(reading("a", 70, 10, 1))); // B does it this time
    assertTrue(t.claimed());
    assertEquals(1, t.purged()); // the cluster's hourly row of 10:00

    List<TrendPoint> left = all(Duration.ofDays(40));
    assertEquals(2, left.size(), left::toString);
    assertEquals(
        List.of(START.plus(Duration.ofDays(29)).plusSeconds(60), clock.instant()),
        left.stream().map(TrendPoint::at).toList());
  }

  @Test
  void others_window_sumsOtherMembersCompletedMinutes_leavesOwnOut() throws Exception {
    TrendHistory b = member("instance-b");
    TrendHistory c = member("instance-c");
    for (int m = 1; m <= 6; m++) {
      clock.advance(Duration.ofMinutes(1));
      history.tick(List.of(reading("a", m * 1000L, m * 1000L, 1)));
      b.tick(
          List.of(
              new CacheReading(
                  "a",
                  m * 10L,
                  m * 4L,
                  m * 6L,
                  m * 20L,
                  m * 40_000_000L,
                  m,
                  m * 5_000_000L,
                  0,
                  0,
                  TierLevels.NONE)));
      if (m != 4) {
        c.tick(List.of(reading("a", m * 100L, 0, 1)));
      }
    }
    clock.advance(Duration.ofSeconds(20)); // 10:06:20: the window of 5 minutes holds 10:02..10:06

    List<MemberWindow> others = history.others(Duration.ofMinutes(5));
    assertEquals(2, others.size(), others::toString);
    MemberWindow mb =
        others.stream().filter(w -> w.instance().equals("instance-b")).findFirst().orElseThrow();
    assertEquals("a", mb.cache());
    assertEquals(5, mb.minutes());
    assertEquals(50, mb.requests());
    assertEquals(20, mb.hits());
    assertEquals(30, mb.misses());
    assertEquals(100, mb.gets());
    assertEquals(2.0, mb.getMeanMillis(), 1e-9);
    assertEquals(5, mb.puts());
    assertEquals(5.0, mb.putMeanMillis(), 1e-9);
    MemberWindow mc =
        others.stream().filter(w -> w.instance().equals("instance-c")).findFirst().orElseThrow();
    assertEquals(4, mc.minutes()); // it missed 10:04, whose change counts in 10:05 as a per-minute
    assertEquals(400, mc.requests());
    assertTrue(
        b.others(Duration.ofMinutes(5)).stream().noneMatch(w -> w.instance().equals("instance-b")));
  }
}
