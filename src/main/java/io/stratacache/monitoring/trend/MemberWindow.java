package io.stratacache.monitoring.trend;

/**
 * What one other member of the cluster did with one cache during a window, read from its minute
 * rows of the trend history: the minutes it wrote whose point falls inside the window (so the
 * member's current, unfinished minute is not in it). What alert rules add to this instance's live
 * figures to judge the cluster. Immutable.
 *
 * @param instance the member
 * @param cache the cache
 * @param minutes the minute rows summed
 * @param requests get/peek requests
 * @param hits fresh and stale hits
 * @param misses misses
 * @param gets timed get calls (loads included)
 * @param getMillis their summed duration in milliseconds
 * @param puts timed put calls
 * @param putMillis their summed duration in milliseconds
 */
public record MemberWindow(
    String instance,
    String cache,
    int minutes,
    long requests,
    long hits,
    long misses,
    long gets,
    double getMillis,
    long puts,
    double putMillis) {

  /** The mean get duration in milliseconds; 0 without gets. */
  public double getMeanMillis() {
    return gets <= 0 ? 0.0 : getMillis / gets;
  }

  /** The mean put duration in milliseconds; 0 without puts. */
  public double putMeanMillis() {
    return puts <= 0 ? 0.0 : putMillis / puts;
  }
}
