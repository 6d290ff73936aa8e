package io.stratacache.monitoring.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns successive readings of this member's cumulative counters into its per-minute rows, one per
 * cache: the change since this instance's previous reading (or since {@code startedAt} for a cache
 * read for the first time), divided by the minutes in between when there are more than one, so a
 * reading taken after missed ticks still yields a per-minute figure; a change seen over less than a
 * minute counts as one minute's (never extrapolated). A counter that went backwards (the cache was
 * recreated) counts from zero. The sum over caches ({@link TrendPoint#ALL}) and over members is
 * made when the series is read ({@link TrendSum}).
 *
 * <p>Thread-safe (synchronized); kept in memory, one per instance.
 */
final class TrendRecorder {

  private static final double MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();

  /** The counts of a cache before any reading. */
  private static final CacheReading NOTHING = new CacheReading("", 0, 0, 0, 0, 0, null);

  /** A cache's previous reading and when it was taken. */
  private record Baseline(Instant at, CacheReading counts) {}

  private final String instance;
  private final Instant startedAt;
  private final Map<String, Baseline> baselines = new HashMap<>();

  /**
   * @param instance this member's id, written into its rows
   * @param startedAt when counting began on this instance: the baseline of caches read first
   */
  TrendRecorder(String instance, Instant startedAt) {
    this.instance = Objects.requireNonNull(instance, "instance");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
  }

  /**
   * This member's rows of one snapshot, one per reading; the readings become the baseline of the
   * next call.
   *
   * @param minute the minute the rows stand for
   * @param now when the readings were taken
   * @param readings every cache's figures
   */
  synchronized List<TrendRow> record(Instant minute, Instant now, List<CacheReading> readings) {
    List<TrendRow> rows = new ArrayList<>(readings.size());
    for (CacheReading r : readings) {
      Baseline last = baselines.getOrDefault(r.cache(), new Baseline(startedAt, NOTHING));
      CacheReading before = last.counts();
      // never extrapolate from less than a minute: a reading soon after start-up (or a timer that
      // fired a little early) counts what it saw as one minute's worth
      double scale =
          MINUTE_MILLIS / Math.max(MINUTE_MILLIS, Duration.between(last.at(), now).toMillis());
      long dRequests = perMinute(r.requests(), before.requests(), scale);
      long dHits = Math.min(dRequests, perMinute(r.hits(), before.hits(), scale));
      long dMisses = Math.min(dRequests, perMinute(r.misses(), before.misses(), scale));
      long dGets = perMinute(r.gets(), before.gets(), scale);
      long dGetNanos = perMinute(r.getNanos(), before.getNanos(), scale);
      long dPuts = perMinute(r.puts(), before.puts(), scale);
      long dPutNanos = perMinute(r.putNanos(), before.putNanos(), scale);
      baselines.put(r.cache(), new Baseline(now, r));
      rows.add(
          new TrendRow(
              instance,
              minute,
              JdbcTrendStore.MINUTE,
              r.cache(),
              dRequests,
              dHits,
              dMisses,
              r.getP99Millis(),
              r.loadAvgMillis(),
              dGets,
              dGetNanos / 1e6,
              dPuts,
              dPutNanos / 1e6,
              r.levels()));
    }
    return rows;
  }

  private static long perMinute(long now, long before, double scale) {
    long delta = now >= before ? now - before : now;
    return Math.round(Math.max(0, delta) * scale);
  }

  static double rate(long hits, long requests) {
    return requests <= 0 ? 0.0 : Math.min(1.0, (double) hits / requests);
  }
}
