package io.stratacache.monitoring.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns successive readings of the caches' cumulative counters into per-minute points: the change
 * since this instance's previous reading (or since {@code startedAt} for a cache read for the first
 * time), divided by the minutes in between when there are more than one, so a reading taken after
 * missed ticks still yields a per-minute figure; a change seen over less than a minute counts as
 * one minute's (never extrapolated). A counter that went backwards (the cache was recreated) counts
 * from zero.
 *
 * <p>Thread-safe (synchronized); kept in memory, one per instance.
 */
final class TrendRecorder {

  private static final double MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();

  private record Baseline(Instant at, long requests, long hits, long misses) {}

  private final Instant startedAt;
  private final Map<String, Baseline> baselines = new HashMap<>();

  /**
   * @param startedAt when counting began on this instance: the baseline of caches read first
   */
  TrendRecorder(Instant startedAt) {
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
  }

  /**
   * The points of one snapshot, one per reading plus {@link TrendPoint#ALL}, and the readings
   * become the baseline of the next call.
   *
   * @param minute the minute the points stand for
   * @param now when the readings were taken
   * @param readings every cache's figures
   */
  synchronized List<TrendPoint> record(Instant minute, Instant now, List<CacheReading> readings) {
    List<TrendPoint> points = new ArrayList<>(readings.size() + 1);
    long requests = 0;
    long hits = 0;
    long misses = 0;
    long entries = 0;
    long bytes = 0;
    double p99 = 0;
    double loadTime = 0;
    for (CacheReading r : readings) {
      Baseline before = baselines.getOrDefault(r.cache(), new Baseline(startedAt, 0, 0, 0));
      // never extrapolate from less than a minute: a reading soon after start-up (or a timer that
      // fired a little early) counts what it saw as one minute's worth
      double scale =
          MINUTE_MILLIS / Math.max(MINUTE_MILLIS, Duration.between(before.at(), now).toMillis());
      long dRequests = perMinute(r.requests(), before.requests(), scale);
      long dHits = Math.min(dRequests, perMinute(r.hits(), before.hits(), scale));
      long dMisses = Math.min(dRequests, perMinute(r.misses(), before.misses(), scale));
      baselines.put(r.cache(), new Baseline(now, r.requests(), r.hits(), r.misses()));
      points.add(
          new TrendPoint(
              minute,
              r.cache(),
              dRequests,
              dHits,
              dMisses,
              rate(dHits, dRequests),
              r.getP99Millis(),
              r.loadAvgMillis(),
              r.entries(),
              r.bytes()));
      requests += dRequests;
      hits += dHits;
      misses += dMisses;
      entries += Math.max(0, r.entries());
      bytes += Math.max(0, r.bytes());
      p99 = Math.max(p99, r.getP99Millis());
      loadTime += r.loadAvgMillis() * dMisses;
    }
    points.add(
        new TrendPoint(
            minute,
            TrendPoint.ALL,
            requests,
            hits,
            misses,
            rate(hits, requests),
            p99,
            misses == 0 ? 0.0 : loadTime / misses,
            entries,
            bytes));
    return points;
  }

  private static long perMinute(long now, long before, double scale) {
    long delta = now >= before ? now - before : now;
    return Math.round(delta * scale);
  }

  static double rate(long hits, long requests) {
    return requests <= 0 ? 0.0 : Math.min(1.0, (double) hits / requests);
  }
}
