package io.stratacache.monitoring.trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sums trend rows over the members of the cluster, and points over the caches ({@link
 * TrendPoint#ALL}). For one cache and minute:
 *
 * <ul>
 *   <li>counts (requests, hits, misses, timed calls and their durations) are summed; the hit rate
 *       is recomputed from the summed hits and requests;
 *   <li>the p99 is the largest member p99: percentiles cannot be summed, and the worst member is
 *       what a user behind the load balancer may meet (an upper bound of the cluster's p99);
 *   <li>the load average is the members' averages weighted by their misses (each miss ran or waited
 *       for a load); without misses, the plain mean of the members that report one;
 *   <li>levels: near tiers and grid entries are summed, the shared store counted once ({@link
 *       TierLevels#plusMember}); {@code entries} is then the largest tier, {@code bytes} the sum of
 *       the tiers.
 * </ul>
 *
 * A member missing a minute (not started yet, stopped, its timer late) simply adds nothing to it.
 * The {@code all} point sums the caches' points the same way (counts and levels summed, largest
 * p99, load average weighted by misses). Stateless.
 */
final class TrendSum {

  private TrendSum() {}

  /**
   * The rows summed over members: one {@link TrendRow#CLUSTER} row per time, resolution and cache.
   *
   * @param rows rows in any order (already summed rows pass through unchanged when alone)
   * @return ordered by time, then cache
   */
  static List<TrendRow> overMembers(List<TrendRow> rows) {
    Map<String, List<TrendRow>> groups = new LinkedHashMap<>();
    for (TrendRow r : rows) {
      groups
          .computeIfAbsent(r.at() + "|" + r.resolution() + "|" + r.cache(), k -> new ArrayList<>())
          .add(r);
    }
    List<TrendRow> sums = new ArrayList<>(groups.size());
    for (List<TrendRow> g : groups.values()) {
      sums.add(sum(g));
    }
    sums.sort(
        Comparator.comparing(TrendRow::at)
            .thenComparing(TrendRow::cache)
            .thenComparingInt(TrendRow::resolution));
    return sums;
  }

  /**
   * The points of the series: per cache summed over members, plus one {@link TrendPoint#ALL} point
   * per time, ordered by time then cache.
   *
   * @param rows rows of every member (and summed hourly rows), in any order
   * @param cache only this cache (or {@link TrendPoint#ALL}); empty for every cache plus {@code
   *     all}
   */
  static List<TrendPoint> points(List<TrendRow> rows, Optional<String> cache) {
    List<TrendRow> sums = overMembers(rows);
    List<TrendPoint> points = new ArrayList<>();
    boolean all = cache.isEmpty() || cache.get().equals(TrendPoint.ALL);
    Map<String, List<TrendPoint>> byTime = new LinkedHashMap<>();
    for (TrendRow r : sums) {
      TrendPoint p = r.point();
      if (cache.isEmpty() || cache.get().equals(r.cache())) {
        points.add(p);
      }
      if (all) {
        byTime.computeIfAbsent(r.at() + "|" + r.resolution(), k -> new ArrayList<>()).add(p);
      }
    }
    for (List<TrendPoint> g : byTime.values()) {
      points.add(overCaches(g.get(0).at(), g));
    }
    points.sort(Comparator.comparing(TrendPoint::at).thenComparing(TrendPoint::cache));
    return points;
  }

  /** The {@code all} point of one time: the caches' points summed. */
  static TrendPoint overCaches(Instant at, List<TrendPoint> caches) {
    long requests = 0;
    long hits = 0;
    long misses = 0;
    long entries = 0;
    long bytes = 0;
    double p99 = 0;
    Weighted load = new Weighted();
    for (TrendPoint p : caches) {
      requests += p.requests();
      hits += p.hits();
      misses += p.misses();
      entries += p.entries();
      bytes += p.bytes();
      p99 = Math.max(p99, p.getP99Millis());
      load.add(p.loadAvgMillis(), p.misses());
    }
    return new TrendPoint(
        at,
        TrendPoint.ALL,
        requests,
        hits,
        misses,
        TrendRecorder.rate(hits, requests),
        p99,
        load.mean(),
        entries,
        bytes);
  }

  private static TrendRow sum(List<TrendRow> g) {
    TrendRow first = g.get(0);
    if (g.size() == 1 && first.instance().equals(TrendRow.CLUSTER)) {
      return first;
    }
    TrendRow.Totals t = new TrendRow.Totals();
    double p99 = 0;
    Weighted load = new Weighted();
    TierLevels levels = null;
    for (TrendRow r : g) {
      t.add(r);
      p99 = Math.max(p99, r.getP99Millis());
      load.add(r.loadAvgMillis(), r.misses());
      levels = levels == null ? r.levels() : levels.plusMember(r.levels());
    }
    return new TrendRow(
        TrendRow.CLUSTER,
        first.at(),
        first.resolution(),
        first.cache(),
        t.requests,
        Math.min(t.hits, t.requests),
        Math.min(t.misses, t.requests),
        p99,
        load.mean(),
        t.gets,
        t.getMillis,
        t.puts,
        t.putMillis,
        levels);
  }

  /**
   * A mean of averages weighted by counts; the plain mean of the non-zero averages when no count.
   */
  private static final class Weighted {
    private double weightedSum;
    private long weight;
    private double plainSum;
    private int plainCount;

    void add(double average, long count) {
      if (average <= 0) {
        return;
      }
      weightedSum += average * Math.max(0, count);
      weight += Math.max(0, count);
      plainSum += average;
      plainCount++;
    }

    double mean() {
      if (weight > 0) {
        return weightedSum / weight;
      }
      return plainCount == 0 ? 0.0 : plainSum / plainCount;
    }
  }
}
