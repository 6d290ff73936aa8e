package io.stratacache.monitoring.dashboard;

import io.stratacache.cache.CacheStats;
import io.stratacache.cache.ClusterStats;
import io.stratacache.cache.MemberStats;
import io.stratacache.cache.TieredCaches;
import io.stratacache.monitoring.CacheMonitoring;
import io.stratacache.monitoring.CacheWindow;
import io.stratacache.monitoring.TierHealth;
import io.stratacache.monitoring.alert.Alert;
import io.stratacache.monitoring.alert.AlertRule;
import io.stratacache.monitoring.alert.AlertRules;
import io.stratacache.monitoring.alert.AlertService;
import io.stratacache.monitoring.latency.LatencyStats;
import io.stratacache.monitoring.suggestion.SuggestionService;
import io.stratacache.monitoring.trend.TrendPoint;
import io.stratacache.monitoring.trend.Trends;
import io.stratacache.warmup.WarmupCoordinator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Assembles the dashboard from this instance's figures, the cluster's alerts, trend and warm-up
 * runs, and the suggestions.
 */
@ApplicationScoped
class DashboardAssembler {

  private static final Logger LOG = Logger.getLogger(DashboardAssembler.class.getName());

  static final Duration HEALTH_WINDOW = Duration.ofMinutes(5);
  static final int RECENT_RUNS = 5;

  @Inject TieredCaches caches;
  @Inject CacheMonitoring monitoring;
  @Inject LatencyStats latency;
  @Inject AlertService alerts;
  @Inject SuggestionService suggestions;
  @Inject WarmupCoordinator warmup;
  @Inject Trends trends;
  @Inject Clock clock;

  /** The whole dashboard, of the cluster. */
  Dashboard dashboard() {
    return dashboard(true);
  }

  /**
   * The whole dashboard: with {@code cluster}, each cache's figures are every member's summed (the
   * others' as they last published them, at most ten seconds old) and the health counts every
   * member's breakers; otherwise this member's alone. Latency percentiles and the hit-rate windows
   * of the health score are this member's; alerts are the cluster's either way.
   */
  Dashboard dashboard(boolean cluster) {
    List<MemberStats> others = cluster ? caches.otherMembers() : List.of();
    List<Dashboard.Member> members = new ArrayList<>();
    List<io.stratacache.cache.TierStatus> statuses = new ArrayList<>(caches.tierStatuses());
    List<Dashboard.CacheView> views = new ArrayList<>();
    List<CacheWindow> windows = new ArrayList<>();
    long requests = 0;
    long hits = 0;
    long misses = 0;
    long entries = 0;
    long bytes = 0;
    long loads = 0;
    long loadNanos = 0;
    double getP99 = 0;
    for (String name : new java.util.TreeSet<>(caches.names())) {
      Optional<CacheStats> found = monitoring.snapshots().of(name);
      if (found.isEmpty()) {
        continue;
      }
      CacheStats s = found.get();
      if (!others.isEmpty()) {
        List<CacheStats> all = new ArrayList<>();
        all.add(s);
        for (MemberStats m : others) {
          m.caches().stream().filter(c -> c.name().equals(name)).forEach(all::add);
        }
        s = ClusterStats.sum(name, all);
      }
      LatencyStats.Latency l =
          latency.of(name).orElse(new LatencyStats.Latency(0, 0, 0, 0, 0, 0, 0, 0));
      List<Dashboard.TierView> tiers =
          s.tiers().stream()
              .map(t -> new Dashboard.TierView(t.tier(), TierHealth.of(t.state()).name()))
              .toList();
      views.add(
          new Dashboard.CacheView(
              name,
              s.requests(),
              s.hits() + s.staleHits(),
              s.misses(),
              finite(s.hitRate()),
              l.getP50Millis(),
              l.getP99Millis(),
              finite(s.averageLoadMillis()),
              Math.max(0, s.size()),
              Math.max(0, s.bytes()),
              s.evictions(),
              s.expirations(),
              s.warmupRequests(),
              tiers));
      monitoring.history().window(name, HEALTH_WINDOW).ifPresent(windows::add);
      requests += s.requests();
      hits += s.hits() + s.staleHits();
      misses += s.misses();
      entries += Math.max(0, s.size());
      bytes += Math.max(0, s.bytes());
      loads += s.loads() + s.loadFailures();
      loadNanos += s.totalLoadTimeNanos();
      getP99 = Math.max(getP99, l.getP99Millis());
    }
    members.add(member(caches.instanceId(), true, clock.millis(), localStats()));
    for (MemberStats m : others) {
      members.add(member(m.member(), false, m.takenAtMillis(), m.caches()));
      statuses.addAll(m.statuses());
    }
    List<Alert> active = alerts.active();
    double readThreshold =
        alerts.rules().stream()
            .filter(r -> r.name().equals(AlertRules.READ_LATENCY_HIGH))
            .mapToDouble(AlertRule::threshold)
            .findFirst()
            .orElse(100);
    HealthScore.Result health =
        HealthScore.of(windows, alerts.minRequests(), statuses, active, readThreshold);

    List<TrendPoint> trend = new ArrayList<>();
    try {
      trends.series(Duration.ofMinutes(60), Optional.empty()).stream()
          .filter(p -> p.cache().equals(TrendPoint.ALL))
          .forEach(trend::add);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "trend unavailable for the dashboard: {0}", e.toString());
    }
    trend.add(
        new TrendPoint(
            clock.instant(),
            TrendPoint.ALL,
            requests,
            hits,
            misses,
            requests == 0 ? 0 : (double) hits / requests,
            getP99,
            loads == 0 ? 0 : loadNanos / 1e6 / loads,
            entries,
            bytes));

    List<Dashboard.Run> runs = new ArrayList<>();
    try {
      warmup
          .history(RECENT_RUNS)
          .forEach(
              r ->
                  runs.add(
                      new Dashboard.Run(
                          r.id(),
                          r.trigger(),
                          r.startedAt(),
                          r.durationMillis(),
                          r.tasksTotal(),
                          r.tasksCompleted(),
                          r.tasksFailed(),
                          r.entriesWarmed())));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "warm-up history unavailable for the dashboard: {0}", e.toString());
    }
    return new Dashboard(
        clock.instant(),
        caches.instanceId(),
        cluster ? "cluster" : "local",
        members,
        health,
        views,
        active,
        new Dashboard.Warmup(warmup.running().isPresent(), runs),
        suggestions.suggestions(),
        trend);
  }

  private List<CacheStats> localStats() {
    List<CacheStats> mine = new ArrayList<>();
    for (String name : caches.names()) {
      monitoring.snapshots().of(name).ifPresent(mine::add);
    }
    return mine;
  }

  private static Dashboard.Member member(
      String id, boolean local, long takenAt, List<CacheStats> stats) {
    long requests = 0;
    long hits = 0;
    long warmup = 0;
    for (CacheStats s : stats) {
      requests += s.requests();
      hits += s.hits() + s.staleHits();
      warmup += s.warmupRequests();
    }
    return new Dashboard.Member(
        id,
        local,
        Instant.ofEpochMilli(takenAt),
        requests,
        hits,
        requests == 0 ? 0 : (double) hits / requests,
        warmup);
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }
}
