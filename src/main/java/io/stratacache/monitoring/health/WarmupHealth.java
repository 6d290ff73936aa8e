package io.stratacache.monitoring.health;

import io.stratacache.warmup.WarmupCoordinator;
import io.stratacache.warmup.WarmupEngine;
import io.stratacache.warmup.WarmupRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the warm-up at {@code /health/ready} (check {@code cache-warmup}): whether a run is under
 * way on this instance ({@code running}, with its id and trigger), the start-up warm-up's state,
 * and the outcome of the cluster's last run ({@code lastRun}: {@code SUCCEEDED}, {@code PARTIAL}
 * when some tasks failed, {@code NONE} before the first). Always UP: a cold or partly warmed cache
 * is slower, not broken; a failed run raises the {@code warmup_failed} alert instead.
 */
@Readiness
@ApplicationScoped
class WarmupHealth implements HealthCheck {

  @Inject WarmupCoordinator warmup;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named("cache-warmup").up();
    Optional<WarmupEngine.Running> running = warmup.running();
    b.withData("running", running.isPresent());
    running.ifPresent(
        r -> b.withData("runningRunId", r.id()).withData("runningTrigger", r.trigger()));
    b.withData("startup", warmup.startupState().name());
    Optional<WarmupRun> last;
    try {
      last = warmup.lastRun();
    } catch (RuntimeException e) {
      b.withData("lastRun", "UNKNOWN: " + e.getMessage());
      return b.build();
    }
    if (last.isEmpty()) {
      b.withData("lastRun", "NONE");
    } else {
      WarmupRun r = last.get();
      b.withData("lastRun", r.tasksFailed() == 0 ? "SUCCEEDED" : "PARTIAL")
          .withData("lastRunId", r.id())
          .withData("lastRunTrigger", r.trigger())
          .withData("lastRunFinishedAt", String.valueOf(r.finishedAt()))
          .withData("lastRunTasksFailed", r.tasksFailed())
          .withData("lastRunTasksTotal", r.tasksTotal())
          .withData("lastRunEntriesWarmed", r.entriesWarmed());
    }
    return b.build();
  }
}
