package io.stratacache.monitoring.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  MutableClock clock;
  JdbcTrendStore store;
  TrendHistory history;

  @BeforeEach
  void setUp() throws Exception {
    DataSource ds = emptyDatabase();
    clock = new MutableClock(START);
    store = new JdbcTrendStore(ds);
    history = new TrendHistory(store, clock, "instance-a");
  }

  /** A database with the trend tables, empty. */
  abstract DataSource emptyDatabase() throws Exception;

  static CacheReading reading(String cache, long requests, long hits, long entries) {
    return new CacheReading(
        cache, requests, hits, requests - hits, 2.5, 10.0, entries, entries * 100);
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
    assertEquals(3, t.points());
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
  void tick_sameMinuteOnTwoInstances_storedOnce() throws Exception {
    TrendHistory other = new TrendHistory(store, clock, "instance-b");
    clock.advance(Duration.ofSeconds(59)); // a timer firing a second early names the same minute
    TrendHistory.Tick mine = history.tick(List.of(reading("a", 10, 5, 1)));
    clock.advance(Duration.ofSeconds(2));
    TrendHistory.Tick theirs = other.tick(List.of(reading("a", 99, 99, 1)));

    assertTrue(mine.claimed());
    assertFalse(theirs.claimed());
    assertEquals(mine.minute(), theirs.minute());
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

    assertEquals(238, t.rolledUp()); // 10:01..11:59, of "a" and of "all"
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

    assertEquals(2, t.purged()); // its "a" and "all" points (rolled up to an hour by then)
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
}
