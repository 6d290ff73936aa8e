package io.stratacache.monitoring.dashboard;

import io.stratacache.monitoring.alert.Alert;
import io.stratacache.monitoring.suggestion.Suggestion;
import io.stratacache.monitoring.trend.TrendPoint;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/cache/dashboard}: everything the operator's page shows, of the
 * whole cluster by default ({@code scope} {@code cluster}: every member's figures summed, members
 * listed; {@code ?scope=local}: this instance's). Latency percentiles are this instance's; alerts
 * and warm-up runs are the cluster's. Immutable.
 */
public record Dashboard(
    Instant generatedAt,
    String instance,
    String scope,
    List<Member> members,
    HealthScore.Result health,
    List<CacheView> caches,
    List<Alert> alerts,
    Warmup warmup,
    List<Suggestion> suggestions,
    List<TrendPoint> trend) {

  /**
   * One cache: totals since start, latency percentiles of the last minute, sizes, tier states.
   * {@code requests}, {@code hits}, {@code misses} and {@code hitRate} are client traffic; the
   * warm-up's own lookups are {@code warmupRequests} ({@code CacheStats#warmupRequests}).
   */
  public record CacheView(
      String name,
      long requests,
      long hits,
      long misses,
      double hitRate,
      double getP50Millis,
      double getP99Millis,
      double loadAvgMillis,
      long entries,
      long bytes,
      long evictions,
      long expirations,
      long warmupRequests,
      List<TierView> tiers) {}

  /**
   * One member of the cluster and its client traffic over all caches since its start.
   *
   * @param takenAt when its figures were taken (others publish every two seconds)
   * @param warmupRequests its warm-up's own lookups, not in {@code requests}
   */
  public record Member(
      String member,
      boolean local,
      Instant takenAt,
      long requests,
      long hits,
      double hitRate,
      long warmupRequests) {}

  /** A tier and its state: UP (breaker closed), DEGRADED (half-open) or DOWN (open). */
  public record TierView(String tier, String status) {}

  /** Whether a warm-up runs on this instance, and the cluster's latest runs (newest first). */
  public record Warmup(boolean running, List<Run> recentRuns) {}

  /** One warm-up run. */
  public record Run(
      String id,
      String trigger,
      Instant startedAt,
      long durationMillis,
      int tasksTotal,
      int tasksCompleted,
      int tasksFailed,
      long entriesWarmed) {}
}
