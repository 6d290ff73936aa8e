package io.stratacache.monitoring.trend;

import io.stratacache.platform.ClusterClaims;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The trend history of one cluster seen from one member, without any container: each {@link #tick}
 * turns this member's readings into its rows of the minute and stores them (every member does, no
 * claim); the member that wins the minute's claim also rolls the cluster's minute rows older than
 * {@link #MINUTE_POINTS_KEPT} up to hourly rows of their sum and deletes rows older than {@link
 * #RETENTION}. {@link #series} sums the members. Time comes from the injected clock, so tests drive
 * it.
 *
 * <p>Thread-safe as long as ticks are not concurrent (the timer runs them one at a time).
 */
final class TrendHistory {

  /** How long minute points are kept before they are rolled up to hourly points. */
  static final Duration MINUTE_POINTS_KEPT = Duration.ofHours(24);

  /** How long points are kept at all. */
  static final Duration RETENTION = Duration.ofDays(30);

  /** The {@link ClusterClaims} job of the minutes' housekeeping. */
  static final String TICK_JOB = "monitoring-trends";

  /** How long minute claims are kept (they only need to outlive clock skew between members). */
  static final Duration CLAIMS_KEPT = Duration.ofDays(2);

  /**
   * What one tick did.
   *
   * @param minute the minute it named
   * @param points this member's rows stored (0 if it had stored that minute already)
   * @param claimed whether this member did the cluster's housekeeping this minute
   * @param rolledUp minute rows rolled up to hours
   * @param purged rows deleted past retention
   */
  record Tick(Instant minute, int points, boolean claimed, int rolledUp, int purged) {}

  private final JdbcTrendStore store;
  private final ClusterClaims claims;
  private final InstantSource clock;
  private final String instanceId;
  private final TrendRecorder recorder;

  /**
   * The history as member {@code instanceId} sees it.
   *
   * @param claims the member's claims, by which it competes for each minute's housekeeping
   */
  TrendHistory(JdbcTrendStore store, ClusterClaims claims, InstantSource clock, String instanceId) {
    this.store = Objects.requireNonNull(store, "store");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.instanceId = JdbcTrendStore.instance(Objects.requireNonNull(instanceId, "instanceId"));
    this.recorder = new TrendRecorder(this.instanceId, clock.instant());
  }

  /**
   * Stores this member's rows of the current minute (the nearest minute boundary, so a timer firing
   * a little early or late still names the same minute on every member) and, if this member claims
   * the minute, keeps the history.
   *
   * @param readings every cache's figures, read now
   * @throws SQLException if the database fails; the readings still become the next baseline
   */
  Tick tick(List<CacheReading> readings) throws SQLException {
    Instant now = clock.instant();
    Instant minute = now.plusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
    List<TrendRow> rows = recorder.record(minute, now, readings);
    int stored = store.insertMinutes(rows) ? rows.size() : 0;
    if (!claims.claimTick(TICK_JOB, minute)) {
      return new Tick(minute, stored, false, 0, 0);
    }
    int rolledUp = store.rollUp(now.minus(MINUTE_POINTS_KEPT).truncatedTo(ChronoUnit.HOURS));
    if (minute.getEpochSecond() % 3600 == 0) {
      claims.purgeTicks(TICK_JOB, now.minus(CLAIMS_KEPT)); // hourly: claims are small and few
    }
    int purged = store.purge(now.minus(RETENTION));
    return new Tick(minute, stored, true, rolledUp, purged);
  }

  /**
   * The points of the last {@code duration} summed over the members ({@link TrendSum}), oldest
   * first (then by cache): minute points for the last 24 hours, hourly points before.
   *
   * @param cache one cache or {@link TrendPoint#ALL}; empty for every cache plus {@code all}
   */
  List<TrendPoint> series(Duration duration, Optional<String> cache) throws SQLException {
    Optional<String> read = cache.filter(c -> !c.equals(TrendPoint.ALL));
    return TrendSum.points(store.read(clock.instant().minus(duration), read), cache);
  }

  /**
   * What every other member did in the last {@code window}, per member and cache, from their minute
   * rows whose minute ends inside the window. This member's own rows are left out: its live figures
   * are more exact.
   */
  List<MemberWindow> others(Duration window) throws SQLException {
    Map<String, List<TrendRow>> groups = new LinkedHashMap<>();
    for (TrendRow r : store.othersAfter(clock.instant().minus(window), instanceId)) {
      groups.computeIfAbsent(r.instance() + "|" + r.cache(), k -> new ArrayList<>()).add(r);
    }
    List<MemberWindow> windows = new ArrayList<>(groups.size());
    for (List<TrendRow> g : groups.values()) {
      TrendRow.Totals t = new TrendRow.Totals();
      g.forEach(t::add);
      TrendRow first = g.get(0);
      windows.add(
          new MemberWindow(
              first.instance(),
              first.cache(),
              g.size(),
              t.requests,
              t.hits,
              t.misses,
              t.gets,
              t.getMillis,
              t.puts,
              t.putMillis));
    }
    return windows;
  }
}
