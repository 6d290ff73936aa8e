package io.stratacache.monitoring.trend;

import java.time.Instant;

/**
 * One point of the trend series of the cluster: a cache, or {@value #ALL} for the sum over caches,
 * summed over the members that reported that minute (see {@link TrendSum}).
 *
 * <p>Counts ({@code requests}, {@code hits}, {@code misses}) are per minute: each member's change
 * since its previous snapshot, divided by the minutes in between when there are more than one,
 * summed over the members; an hourly point holds the average minute of its hour. {@code hits}
 * include stale hits, so {@code hitRate = hits / requests} (0 without requests), computed from the
 * sums. {@code entries} and {@code bytes} are the levels at {@code at} (an hourly point: at the
 * last minute of its hour). Latencies are in milliseconds, 0 when unknown.
 *
 * @param at the minute (or hour) the point stands for, UTC
 * @param cache the cache name, or {@value #ALL}
 * @param requests get/peek requests per minute, summed over members
 * @param hits fresh and stale hits per minute, summed over members
 * @param misses misses per minute, summed over members
 * @param hitRate {@code hits / requests} in 0..1
 * @param getP99Millis 99th percentile of get latency: the largest member's (for {@value #ALL}: the
 *     largest of the caches)
 * @param loadAvgMillis average loader time: the members' weighted by their misses (for {@value
 *     #ALL}: the caches' weighted by their misses)
 * @param entries entries held in the largest tier, near tiers and grid owned entries summed over
 *     members, the shared store counted once (for {@value #ALL}: summed over caches)
 * @param bytes encoded bytes held, summed over the tiers the same way
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
