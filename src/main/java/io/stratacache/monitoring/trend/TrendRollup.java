package io.stratacache.monitoring.trend;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls minute rows up into hourly rows of the cluster, one per cache and hour. The members' rows
 * of each minute are first summed ({@link TrendSum#overMembers}); then counts are the average
 * minute of the hour over the minutes that have rows (so minute and hourly points share one scale),
 * the hit rate follows from the summed hits and requests, the p99 is the largest of the hour, the
 * load average the mean of the minutes that loaded, and the levels (entries, bytes per tier) those
 * of the hour's last minute.
 */
final class TrendRollup {

  private TrendRollup() {}

  /**
   * @param minutes minute rows of any members, in any order
   * @return hourly {@link TrendRow#CLUSTER} rows, ordered by hour, then cache
   */
  static List<TrendRow> hourly(List<TrendRow> minutes) {
    Map<String, List<TrendRow>> groups = new LinkedHashMap<>();
    for (TrendRow m : TrendSum.overMembers(minutes)) { // ordered by time: last is the hour's last
      groups
          .computeIfAbsent(
              m.at().truncatedTo(ChronoUnit.HOURS) + "|" + m.cache(), k -> new ArrayList<>())
          .add(m);
    }
    List<TrendRow> hours = new ArrayList<>(groups.size());
    for (List<TrendRow> g : groups.values()) {
      hours.add(hour(g));
    }
    hours.sort(Comparator.comparing(TrendRow::at).thenComparing(TrendRow::cache));
    return hours;
  }

  private static TrendRow hour(List<TrendRow> g) {
    TrendRow.Totals t = new TrendRow.Totals();
    double p99 = 0;
    double loadSum = 0;
    int loadMinutes = 0;
    for (TrendRow m : g) {
      t.add(m);
      p99 = Math.max(p99, m.getP99Millis());
      if (m.loadAvgMillis() > 0) {
        loadSum += m.loadAvgMillis();
        loadMinutes++;
      }
    }
    int n = g.size();
    TrendRow last = g.get(n - 1);
    return new TrendRow(
        TrendRow.CLUSTER,
        last.at().truncatedTo(ChronoUnit.HOURS),
        JdbcTrendStore.HOUR,
        last.cache(),
        Math.round((double) t.requests / n),
        Math.round((double) t.hits / n),
        Math.round((double) t.misses / n),
        p99,
        loadMinutes == 0 ? 0.0 : loadSum / loadMinutes,
        Math.round((double) t.gets / n),
        t.getMillis / n,
        Math.round((double) t.puts / n),
        t.putMillis / n,
        last.levels());
  }
}
