package io.stratacache.monitoring.trend;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls minute points up into hourly points, one per cache and hour: counts are the average minute
 * of the hour (so minute and hourly points share one scale), the hit rate is recomputed from the
 * summed hits and requests, the p99 is the largest of the hour, the load average the mean of the
 * minutes that loaded, and the levels (entries, bytes) those of the hour's last minute.
 */
final class TrendRollup {

  private TrendRollup() {}

  /**
   * @param minutes minute points, in any order
   * @return hourly points, ordered by hour, then cache
   */
  static List<TrendPoint> hourly(List<TrendPoint> minutes) {
    Map<String, List<TrendPoint>> groups = new LinkedHashMap<>();
    minutes.stream()
        .sorted(Comparator.comparing(TrendPoint::at).thenComparing(TrendPoint::cache))
        .forEach(
            p ->
                groups
                    .computeIfAbsent(
                        p.at().truncatedTo(ChronoUnit.HOURS) + "|" + p.cache(),
                        k -> new ArrayList<>())
                    .add(p));
    List<TrendPoint> hours = new ArrayList<>(groups.size());
    for (List<TrendPoint> g : groups.values()) {
      hours.add(hour(g));
    }
    hours.sort(Comparator.comparing(TrendPoint::at).thenComparing(TrendPoint::cache));
    return hours;
  }

  private static TrendPoint hour(List<TrendPoint> g) {
    long requests = 0;
    long hits = 0;
    long misses = 0;
    double p99 = 0;
    double loadSum = 0;
    int loadMinutes = 0;
    for (TrendPoint p : g) {
      requests += p.requests();
      hits += p.hits();
      misses += p.misses();
      p99 = Math.max(p99, p.getP99Millis());
      if (p.loadAvgMillis() > 0) {
        loadSum += p.loadAvgMillis();
        loadMinutes++;
      }
    }
    int n = g.size();
    TrendPoint last = g.get(n - 1);
    return new TrendPoint(
        last.at().truncatedTo(ChronoUnit.HOURS),
        last.cache(),
        Math.round((double) requests / n),
        Math.round((double) hits / n),
        Math.round((double) misses / n),
        TrendRecorder.rate(hits, requests),
        p99,
        loadMinutes == 0 ? 0.0 : loadSum / loadMinutes,
        last.entries(),
        last.bytes());
  }
}
