package io.stratacache.monitoring;

import io.stratacache.cache.TierStatus;
import io.stratacache.cache.TieredCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the cache tiers at {@code /health/ready}: {@code state} is {@code UP}, or {@code
 * DEGRADED} with one entry per tier whose circuit breaker is not closed ({@code "brand-stats/grid":
 * "OPEN: 5 of 6 calls failed ..."}). The check itself stays UP while degraded: requests are still
 * answered from the remaining tiers and the source, so the instance must keep receiving traffic.
 * Reads breaker states only; never calls a tier.
 */
@Readiness
@ApplicationScoped
public class CacheTierHealth implements HealthCheck {

  @Inject TieredCaches caches;

  @Override
  public HealthCheckResponse call() {
    List<TierStatus> statuses = caches.tierStatuses();
    TreeMap<String, String> degraded = new TreeMap<>();
    TreeMap<String, Integer> byTier = new TreeMap<>();
    for (TierStatus t : statuses) {
      if (t.degraded()) {
        degraded.put(t.cache() + "/" + t.tier(), t.state() + ": " + t.reason());
        byTier.merge(t.tier(), 1, Integer::sum);
      }
    }
    HealthCheckResponseBuilder b =
        HealthCheckResponse.named("cache-tiers")
            .up()
            .withData("state", degraded.isEmpty() ? "UP" : "DEGRADED")
            .withData("remoteTiers", statuses.size());
    byTier.forEach((tier, n) -> b.withData(tier, "DEGRADED in " + n + " caches"));
    degraded.forEach(b::withData);
    return b.build();
  }
}
