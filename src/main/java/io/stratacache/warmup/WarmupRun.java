package io.stratacache.warmup;

import java.time.Instant;
import java.util.List;

/**
 * A finished warm-up run: its figures and the outcome of every task, in the order they started.
 *
 * @param id a random UUID
 * @param trigger {@code startup}, {@code cron}, {@code interval}, {@code manual} or {@code user}
 * @param successRate completed tasks over all tasks, in percent (100 for a run without tasks)
 */
public record WarmupRun(
    String id,
    String trigger,
    Instant startedAt,
    Instant finishedAt,
    long durationMillis,
    int tasksTotal,
    int tasksCompleted,
    int tasksFailed,
    long entriesWarmed,
    double successRate,
    List<WarmupTaskResult> tasks) {

  public WarmupRun {
    tasks = List.copyOf(tasks);
  }
}
