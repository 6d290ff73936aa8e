package io.stratacache.monitoring.trend;

/**
 * The figures of one cache read at one moment on this instance: counters since the cache was
 * created, levels, and latencies in milliseconds (0 when unknown).
 *
 * @param cache the cache name
 * @param requests get/peek requests so far
 * @param hits fresh and stale hits so far
 * @param misses misses so far
 * @param getP99Millis 99th percentile of get latency
 * @param loadAvgMillis average loader time
 * @param entries entries held now
 * @param bytes encoded bytes held now
 */
record CacheReading(
    String cache,
    long requests,
    long hits,
    long misses,
    double getP99Millis,
    double loadAvgMillis,
    long entries,
    long bytes) {

  CacheReading {
    getP99Millis = finite(getP99Millis);
    loadAvgMillis = finite(loadAvgMillis);
  }

  /** NaN, infinite and negative figures (a tier that cannot tell) read as 0. */
  static double finite(double v) {
    return Double.isFinite(v) && v > 0 ? v : 0.0;
  }
}
