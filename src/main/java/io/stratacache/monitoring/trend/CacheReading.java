package io.stratacache.monitoring.trend;

/**
 * The figures of one cache read at one moment on this instance: counters since the cache was
 * created, levels, and latencies in milliseconds (0 when unknown).
 *
 * @param cache the cache name
 * @param requests get/peek requests so far
 * @param hits fresh and stale hits so far
 * @param misses misses so far
 * @param gets get calls timed so far (loads included)
 * @param getNanos their summed duration
 * @param puts put calls timed so far
 * @param putNanos their summed duration
 * @param getP99Millis 99th percentile of get latency over about the last minute
 * @param loadAvgMillis average loader time over about the last minute
 * @param levels what the tiers hold now
 */
record CacheReading(
    String cache,
    long requests,
    long hits,
    long misses,
    long gets,
    long getNanos,
    long puts,
    long putNanos,
    double getP99Millis,
    double loadAvgMillis,
    TierLevels levels) {

  CacheReading {
    getP99Millis = finite(getP99Millis);
    loadAvgMillis = finite(loadAvgMillis);
  }

  /** A reading without timed calls (tests, and caches the latency recorder has not seen). */
  CacheReading(
      String cache,
      long requests,
      long hits,
      long misses,
      double getP99Millis,
      double loadAvgMillis,
      TierLevels levels) {
    this(cache, requests, hits, misses, 0, 0, 0, 0, getP99Millis, loadAvgMillis, levels);
  }

  /** NaN, infinite and negative figures (a tier that cannot tell) read as 0. */
  static double finite(double v) {
    return Double.isFinite(v) && v > 0 ? v : 0.0;
  }
}
