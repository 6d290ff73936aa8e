package io.stratacache.monitoring.trend;

import java.time.Instant;

/**
 * One point of the trend series: a cache, or {@value #ALL} for the sum over caches.
 *
 * <p>Counts ({@code requests}, {@code hits}, {@code misses}) are per minute: the change since the
 * previous snapshot, divided by the minutes in between when there are more than one; an hourly
 * point holds the average minute of its hour. {@code hits} include stale hits, so {@code hitRate =
 * hits / requests} (0 without requests). {@code entries} and {@code bytes} are the levels at {@code
 * at} (an hourly point: at the last minute of its hour). Latencies are in milliseconds, 0 when
 * unknown.
 *
 * @param at the minute (or hour) the point stands for, UTC
 * @param cache the cache name, or {@value #ALL}
 * @param requests get/peek requests per minute
 * @param hits fresh and stale hits per minute
 * @param misses misses per minute
 * @param hitRate {@code hits / requests} in 0..1
 * @param getP99Millis 99th percentile of get latency (for {@value #ALL}: the largest of the caches)
 * @param loadAvgMillis average loader time (for {@value #ALL}: weighted by the caches' misses)
 * @param entries entries held (the largest tier)
 * @param bytes encoded bytes held, summed over the tiers
 */
public record TrendPoint(
    Instant at,
    String cache,
    long requests,
    long hits,
    long misses,
    double hitRate,
    double getP99Millis,
    double loadAvgMillis,
    long entries,
    long bytes) {

  /** The pseudo cache name of the points that sum every cache. */
  public static final String ALL = "all";
}
