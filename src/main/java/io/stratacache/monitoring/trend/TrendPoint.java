package io.stratacache.monitoring.trend;

import java.time.Instant;

/**
 * One point of the trend series: a cache, or "all" for the sum over caches. (Contract type; the
 * {@code dash} branch owns this package — this copy only lets {@code monitor} compile.)
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
    long bytes) {}
