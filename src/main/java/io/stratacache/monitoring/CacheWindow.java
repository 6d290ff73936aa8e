package io.stratacache.monitoring;

/**
 * What one cache did during a window (or since start when the instance is younger than the window):
 * request counts and latency means. Immutable.
 *
 * @param cache the cache
 * @param seconds the seconds the window really covers
 * @param requests get/peek requests
 * @param hits fresh and stale hits
 * @param misses requests that loaded or found nothing
 * @param puts put calls
 * @param evictions entries dropped for lack of room (all tiers)
 * @param expirations entries dropped at the end of their retention (all tiers)
 * @param loads loader calls, failed or not
 * @param gets gets timed by the latency recorder
 * @param getMeanMillis their mean duration, loads included (0 without gets)
 * @param timedPuts puts timed by the latency recorder
 * @param putMeanMillis their mean duration (0 without puts)
 * @param loadMeanMillis the mean duration of loader calls (0 without loads)
 */
public record CacheWindow(
    String cache,
    long seconds,
    long requests,
    long hits,
    long misses,
    long puts,
    long evictions,
    long expirations,
    long loads,
    long gets,
    double getMeanMillis,
    long timedPuts,
    double putMeanMillis,
    double loadMeanMillis) {

  /** Hits / requests; 1.0 without requests (an idle cache is not a failing one). */
  public double hitRate() {
    return requests == 0 ? 1.0 : (double) hits / requests;
  }
}
