package io.stratacache.monitoring;

import io.stratacache.cache.TierStatus;
import io.stratacache.cache.TieredCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the cache tiers at {@code /health/ready} and {@code /health/live} (check {@code
 * cache-tiers}): {@code state} is {@code UP} or {@code DEGRADED}; one entry per tier ({@code near},
 * {@code grid}, {@code store}) with its worst state over the caches, {@code UP}, {@code DEGRADED}
 * (breaker half-open: probing) or {@code DOWN} (breaker open); and one entry per cache tier that is
 * not up ({@code "brand-stats/grid": "DOWN: 5 of 6 calls failed ..."}). The check itself stays UP
 * while degraded: requests are still answered from the remaining tiers and the source, so the
 * instance must keep receiving traffic and must not be restarted. Reads breaker states only; never
 * calls a tier.
 */
@Readiness
@ApplicationScoped
public class CacheTierHealth implements HealthCheck {

  @Inject TieredCaches caches;

  @Override
  public HealthCheckResponse call() {
    List<TierStatus> statuses = caches.tierStatuses();
    TreeMap<String, String> notUp = new TreeMap<>();
    Map<String, String> byTier = new TreeMap<>();
    byTier.put("near", "UP");
    for (TierStatus t : statuses) {
      String state = DashboardAssembler.status(t.state());
      byTier.merge(t.tier(), state, CacheTierHealth::worse);
      if (t.degraded()) {
        notUp.put(t.cache() + "/" + t.tier(), state + ": " + t.reason());
      }
    }
    HealthCheckResponseBuilder b =
        HealthCheckResponse.named("cache-tiers")
            .up()
            .withData("state", notUp.isEmpty() ? "UP" : "DEGRADED")
            .withData("remoteTiers", statuses.size());
    byTier.forEach(b::withData);
    notUp.forEach(b::withData);
    return b.build();
  }

  static String worse(String a, String b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(String s) {
    return switch (s) {
      case "DOWN" -> 2;
      case "DEGRADED" -> 1;
      default -> 0;
    };
  }
}
