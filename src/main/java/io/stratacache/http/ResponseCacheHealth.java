package io.stratacache.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The response cache's row of {@code /health/ready}: always up (a failure to load rules leaves the
 * last rules in force, or none, and requests go to the backend), with the rule figures and the last
 * load error.
 */
@Readiness
@ApplicationScoped
class ResponseCacheHealth implements HealthCheck {

  @Inject ResponseCaching caching;

  @Override
  public HealthCheckResponse call() {
    ResponseCaching.State s = caching.state();
    return HealthCheckResponse.named("http-response-cache")
        .up()
        .withData("state", s.error() == null ? "UP" : "DEGRADED")
        .withData("rules", s.rules())
        .withData("enabledRules", s.enabled())
        .withData("rulesVersion", s.version())
        .withData("detail", s.error() == null ? "" : s.error())
        .build();
  }
}
