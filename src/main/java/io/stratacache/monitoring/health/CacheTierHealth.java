package io.stratacache.monitoring.health;

import io.stratacache.cache.TierStatus;
import io.stratacache.cache.TieredCaches;
import io.stratacache.monitoring.TierHealth;
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
 * Reports the cache tiers at {@code /health/ready} (check {@code cache-tiers}): {@code state} is
 * {@code UP} or {@code DEGRADED}; one entry per tier ({@code near}, {@code grid}, {@code store})
 * with its worst state over the caches, {@code UP}, {@code DEGRADED} (breaker half-open: probing)
 * or {@code DOWN} (breaker open); and one entry per cache tier that is not up ({@code
 * "brand-stats/grid": "DOWN: 5 of 6 calls failed ..."}). The check itself stays UP while degraded:
 * requests are still answered from the remaining tiers and the source, so the instance must keep
 * receiving traffic and must not be restarted. Reads breaker states only; never calls a tier.
 */
@Readiness
@ApplicationScoped
class CacheTierHealth implements HealthCheck {

  @Inject TieredCaches caches;

  @Override
  public HealthCheckResponse call() {
    List<TierStatus> statuses = caches.tierStatuses();
    TreeMap<String, String> notUp = new TreeMap<>();
    Map<String, TierHealth> byTier = new TreeMap<>();
    byTier.put("near", TierHealth.UP);
    for (TierStatus t : statuses) {
      TierHealth state = TierHealth.of(t.state());
      byTier.merge(t.tier(), state, TierHealth::worse);
      if (t.degraded()) {
        notUp.put(t.cache() + "/" + t.tier(), state + ": " + t.reason());
      }
    }
    HealthCheckResponseBuilder b =
        HealthCheckResponse.named("cache-tiers")
            .up()
            .withData("state", notUp.isEmpty() ? "UP" : "DEGRADED")
            .withData("remoteTiers", statuses.size());
    byTier.forEach((tier, state) -> b.withData(tier, state.name()));
    notUp.forEach(b::withData);
    return b.build();
  }
}
