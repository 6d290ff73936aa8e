package io.stratacache.monitoring.trend;

import java.time.Instant;

/**
 * One row of {@code monitoring_trend}: one member's figures of one cache for one minute, or (with
 * {@link #instance} {@value #CLUSTER}) the cluster's sum, which is what hourly rows hold. Counts
 * are per minute (an hourly row: the average minute of its hour); {@code getMillis} and {@code
 * putMillis} are the summed durations of that minute's timed calls. Immutable.
 *
 * @param instance the member that wrote it, or {@value #CLUSTER}
 * @param at the minute (or hour) it stands for, UTC
 * @param resolution 1 for a minute row, 60 for an hourly row
 * @param cache the cache
 * @param requests get/peek requests per minute
 * @param hits fresh and stale hits per minute
 * @param misses misses per minute
 * @param getP99Millis 99th percentile of get latency (0 when unknown)
 * @param loadAvgMillis average loader time (0 when unknown)
 * @param gets timed get calls per minute
 * @param getMillis their summed milliseconds
 * @param puts timed put calls per minute
 * @param putMillis their summed milliseconds
 * @param levels what the tiers held at {@code at}
 */
record TrendRow(
    String instance,
    Instant at,
    int resolution,
    String cache,
    long requests,
    long hits,
    long misses,
    double getP99Millis,
    double loadAvgMillis,
    long gets,
    double getMillis,
    long puts,
    double putMillis,
    TierLevels levels) {

  /** The {@code instance_id} of rows that hold the sum over the members. */
  static final String CLUSTER = "*";

  /** The counts of several rows added up: requests, hits, misses and the timed gets and puts. */
  static final class Totals {
    long requests;
    long hits;
    long misses;
    long gets;
    double getMillis;
    long puts;
    double putMillis;

    void add(TrendRow r) {
      requests += r.requests;
      hits += r.hits;
      misses += r.misses;
      gets += r.gets;
      getMillis += r.getMillis;
      puts += r.puts;
      putMillis += r.putMillis;
    }
  }

  /** This row as a point of the series. */
  TrendPoint point() {
    return new TrendPoint(
        at,
        cache,
        requests,
        hits,
        misses,
        TrendRecorder.rate(hits, requests),
        getP99Millis,
        loadAvgMillis,
        levels.entries(),
        levels.bytes());
  }
}
