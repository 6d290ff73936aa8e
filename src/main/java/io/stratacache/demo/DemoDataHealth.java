package io.stratacache.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the demo data set at {@code /health/ready}: UP while it is generated (endpoints answer
 * with partial data) and once ready, DOWN only if generation failed.
 */
@Readiness
@ApplicationScoped
public class DemoDataHealth implements HealthCheck {

  @Inject DemoDataLoader loader;

  @Override
  public HealthCheckResponse call() {
    DemoDataStatus s = loader.status();
    HealthCheckResponseBuilder b =
        HealthCheckResponse.named("demo-data")
            .status(s.state() != DemoDataStatus.State.FAILED)
            .withData("state", s.state().name())
            .withData("profile", String.valueOf(s.profile()).toLowerCase())
            .withData("progressPercent", s.percent())
            .withData("rows", s.rows())
            .withData("message", String.valueOf(s.message()));
    if (s.anchorDate() != null) {
      b.withData("anchorDate", s.anchorDate().toString());
      b.withData("seed", s.seed());
    }
    return b.build();
  }
}
