package io.stratacache.cache;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** An executor that queues tasks until the test runs them. */
final class ManualExecutor implements Executor {
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  int pending() {
    return tasks.size();
  }

  /** Runs every queued task (and those they queue), returns how many ran. */
  int runAll() {
    int ran = 0;
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
      ran++;
    }
    return ran;
  }
}
