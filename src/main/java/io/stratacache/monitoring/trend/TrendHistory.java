package io.stratacache.monitoring.trend;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The trend series of one cluster, without any container: each {@link #tick} turns this instance's
 * readings into the minute's points, stores them if this instance wins the minute's claim, rolls
 * minute points older than {@link #MINUTE_POINTS_KEPT} up to hourly points and deletes points older
 * than {@link #RETENTION}. Time comes from the injected clock, so tests drive it.
 *
 * <p>Thread-safe as long as ticks are not concurrent (the timer runs them one at a time).
 */
final class TrendHistory {

  /** How long minute points are kept before they are rolled up to hourly points. */
  static final Duration MINUTE_POINTS_KEPT = Duration.ofHours(24);

  /** How long points are kept at all. */
  static final Duration RETENTION = Duration.ofDays(30);

  /** How long minute claims are kept (they only need to outlive clock skew between members). */
  static final Duration CLAIMS_KEPT = Duration.ofDays(2);

  /** What one tick did. */
  record Tick(Instant minute, boolean claimed, int points, int rolledUp, int purged) {}

  private final JdbcTrendStore store;
  private final Clock clock;
  private final String instanceId;
  private final TrendRecorder recorder;

  TrendHistory(JdbcTrendStore store, Clock clock, String instanceId) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    this.recorder = new TrendRecorder(clock.instant());
  }

  /**
   * Takes the snapshot of the current minute (the nearest minute boundary, so a timer firing a
   * little early or late still names the same minute on every member) and keeps the history.
   *
   * @param readings every cache's figures, read now
   * @throws SQLException if the database fails; the readings still become the next baseline
   */
  Tick tick(List<CacheReading> readings) throws SQLException {
    Instant now = clock.instant();
    Instant minute = now.plusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
    List<TrendPoint> points = recorder.record(minute, now, readings);
    if (!store.claim(minute, instanceId, now)) {
      return new Tick(minute, false, 0, 0, 0);
    }
    store.insertMinutes(points);
    int rolledUp = store.rollUp(now.minus(MINUTE_POINTS_KEPT).truncatedTo(ChronoUnit.HOURS));
    int purged = store.purge(now.minus(RETENTION), now.minus(CLAIMS_KEPT));
    return new Tick(minute, true, points.size(), rolledUp, purged);
  }

  /**
   * The points of the last {@code duration}, oldest first (then by cache): minute points for the
   * last 24 hours, hourly points before.
   *
   * @param cache one cache or {@link TrendPoint#ALL}; empty for every cache plus {@code all}
   */
  List<TrendPoint> series(Duration duration, Optional<String> cache) throws SQLException {
    return store.read(clock.instant().minus(duration), cache);
  }
}
