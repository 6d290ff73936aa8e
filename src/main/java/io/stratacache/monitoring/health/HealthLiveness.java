package io.stratacache.monitoring.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The one check at {@code /health/live} ({@code alive}): UP whenever the application answers, with
 * a response built once. Liveness asks only "should this process be restarted?", which an instance
 * that answers HTTP has already answered; it reads no cache, breaker, warm-up history or database,
 * so a liveness probe costs a request and nothing more. The cache's state (tiers, warm-up) is at
 * {@code /health/ready} ({@link CacheTierHealth}, {@link WarmupHealth}), which stays UP while
 * degraded as well.
 */
@Liveness
@ApplicationScoped
public class HealthLiveness implements HealthCheck {

  private static final HealthCheckResponse ALIVE = HealthCheckResponse.named("alive").up().build();

  @Override
  public HealthCheckResponse call() {
    return ALIVE;
  }
}
