package io.stratacache.warmup;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes run and task figures in MicroProfile Metrics: counters and timers per run ({@code
 * warmup_runs_total{trigger}}, {@code warmup_run_duration}) and per task ({@code
 * warmup_task_completed_total{task}}, {@code warmup_task_failed_total{task}}, {@code
 * warmup_task_entries_total{task}}, {@code warmup_task_duration{task}}), and gauges of the last run
 * ({@code warmup_last_*}). Thread-safe.
 */
final class WarmupMetrics {

  private final MetricRegistry registry;
  private final AtomicReference<WarmupRun> last = new AtomicReference<>();

  WarmupMetrics(MetricRegistry registry) {
    this.registry = registry;
    gauge("warmup_last_tasks_total", "tasks of the last run", r -> r.tasksTotal());
    gauge(
        "warmup_last_tasks_completed", "completed tasks of the last run", r -> r.tasksCompleted());
    gauge("warmup_last_tasks_failed", "failed tasks of the last run", r -> r.tasksFailed());
    gauge("warmup_last_entries_warmed", "entries warmed by the last run", r -> r.entriesWarmed());
    gauge(
        "warmup_last_success_rate",
        "completed tasks of the last run, percent",
        r -> r.successRate());
    gauge(
        "warmup_last_duration_seconds",
        "duration of the last run",
        r -> r.durationMillis() / 1000.0);
  }

  void record(WarmupRun run) {
    last.set(run);
    registry.counter("warmup_runs_total", new Tag("trigger", run.trigger())).inc();
    registry.timer("warmup_run_duration").update(Duration.ofMillis(run.durationMillis()));
    for (WarmupTaskResult t : run.tasks()) {
      Tag task = new Tag("task", t.name());
      registry
          .counter(t.completed() ? "warmup_task_completed_total" : "warmup_task_failed_total", task)
          .inc();
      registry.counter("warmup_task_entries_total", task).inc(t.entries());
      registry.timer("warmup_task_duration", task).update(Duration.ofMillis(t.durationMillis()));
    }
  }

  private void gauge(
      String name, String description, java.util.function.ToDoubleFunction<WarmupRun> f) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).build(),
        () -> {
          WarmupRun r = last.get();
          return r == null ? 0.0 : f.applyAsDouble(r);
        });
  }
}
