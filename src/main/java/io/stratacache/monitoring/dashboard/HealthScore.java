package io.stratacache.monitoring.dashboard;

import io.stratacache.cache.BreakerState;
import io.stratacache.cache.TierStatus;
import io.stratacache.monitoring.CacheWindow;
import io.stratacache.monitoring.alert.Alert;
import java.util.List;

/**
 * The dashboard's health score, 0..100: a weighted sum of four components, each 0..100. Stateless.
 *
 * <ul>
 *   <li>hit rate (40 %): 100 × hits / requests of all caches over the last 5 minutes (100 when they
 *       served fewer than {@code minRequests} requests);
 *   <li>tiers (25 %): 100 × the share of remote tiers (grid, store of every cache) that are UP, a
 *       DEGRADED (half-open) tier counting half (100 without remote tiers);
 *   <li>alerts (20 %): 100 minus 40 per active CRITICAL, 20 per HIGH, 10 per MEDIUM and 5 per LOW
 *       alert, at least 0;
 *   <li>latency (15 %): 100 × the share of caches whose mean get latency over the last 5 minutes is
 *       within the read-latency rule's threshold (100 without timed gets).
 * </ul>
 *
 * Status: HEALTHY from 80, WARNING from 50, CRITICAL below.
 */
public final class HealthScore {

  /** One sentence for the dashboard JSON. */
  public static final String METHOD =
      "score = 0.40 × hit rate (100 × hits/requests of all caches over 5 min)"
          + " + 0.25 × tiers (100 × share of remote tiers UP, DEGRADED counts half)"
          + " + 0.20 × alerts (100 − 40 per CRITICAL, 20 per HIGH, 10 per MEDIUM, 5 per LOW active"
          + " alert, ≥ 0) + 0.15 × latency (100 × share of caches whose mean get latency over 5 min"
          + " is within the read_latency_high threshold); HEALTHY ≥ 80, WARNING ≥ 50, else CRITICAL";

  /** The components, each 0..100. */
  public record Components(int hitRate, int tiers, int alerts, int latency) {}

  /** The score, its status, how it is computed, and its components. */
  public record Result(int score, String status, String method, Components components) {}

  private HealthScore() {}

  /**
   * @param windows each cache's last 5 minutes
   * @param minRequests requests under which the hit rate is not judged
   * @param tiers the remote tiers' breaker states
   * @param active the active alerts
   * @param readLatencyMillis the read-latency threshold
   */
  static Result of(
      List<CacheWindow> windows,
      int minRequests,
      List<TierStatus> tiers,
      List<Alert> active,
      double readLatencyMillis) {
    long requests = windows.stream().mapToLong(CacheWindow::requests).sum();
    long hits = windows.stream().mapToLong(CacheWindow::hits).sum();
    int hitRate = requests < minRequests ? 100 : (int) Math.round(100.0 * hits / requests);

    double up = 0;
    for (TierStatus t : tiers) {
      up += t.state() == BreakerState.CLOSED ? 1 : t.state() == BreakerState.HALF_OPEN ? 0.5 : 0;
    }
    int tierScore = tiers.isEmpty() ? 100 : (int) Math.round(100 * up / tiers.size());

    int penalty = 0;
    for (Alert a : active) {
      penalty +=
          switch (a.severity()) {
            case CRITICAL -> 40;
            case HIGH -> 20;
            case MEDIUM -> 10;
            case LOW -> 5;
          };
    }
    int alerts = Math.max(0, 100 - penalty);

    List<CacheWindow> timed = windows.stream().filter(w -> w.gets() > 0).toList();
    long fast = timed.stream().filter(w -> w.getMeanMillis() <= readLatencyMillis).count();
    int latency = timed.isEmpty() ? 100 : (int) Math.round(100.0 * fast / timed.size());

    int score =
        (int) Math.round(0.40 * hitRate + 0.25 * tierScore + 0.20 * alerts + 0.15 * latency);
    String status = score >= 80 ? "HEALTHY" : score >= 50 ? "WARNING" : "CRITICAL";
    return new Result(score, status, METHOD, new Components(hitRate, tierScore, alerts, latency));
  }
}
