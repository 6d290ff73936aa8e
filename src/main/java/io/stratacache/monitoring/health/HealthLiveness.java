package io.stratacache.monitoring.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The cache checks at {@code /health/live} too: the same answers as the readiness checks {@link
 * CacheTierHealth} ({@code cache-tiers}) and {@link WarmupHealth} ({@code cache-warmup}), which
 * stay UP while a tier is degraded or a warm-up failed — an instance serving from its remaining
 * tiers is alive and must not be restarted. (Payara registers a bean under one of the two
 * annotations only, hence these delegates.)
 */
final class HealthLiveness {

  private HealthLiveness() {}

  /** {@code cache-tiers} at {@code /health/live}. */
  @Liveness
  @ApplicationScoped
  public static class Tiers implements HealthCheck {
    @Inject @Readiness CacheTierHealth tiers;

    @Override
    public HealthCheckResponse call() {
      return tiers.call();
    }
  }

  /** {@code cache-warmup} at {@code /health/live}. */
  @Liveness
  @ApplicationScoped
  public static class Warmup implements HealthCheck {
    @Inject @Readiness WarmupHealth warmup;

    @Override
    public HealthCheckResponse call() {
      return warmup.call();
    }
  }
}
