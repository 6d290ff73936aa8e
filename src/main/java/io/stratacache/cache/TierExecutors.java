package io.stratacache.cache;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's two executors besides the refresh executor: the one that runs tier calls bounded
 * by a timeout and the scheduler of write-behind flushes. Each is either given by the application
 * (and left running on {@link #close()}) or created here (and shut down on close); the scheduler is
 * created lazily, with the first write-behind cache. Thread-safe.
 */
final class TierExecutors implements AutoCloseable {
  /** The most threads of the default tier executor. */
  static final int MAX_TIER_THREADS = 64;

  private final Executor tierExecutor;
  private final boolean ownsTierExecutor;
  private final boolean ownsScheduler;
  private ScheduledExecutorService scheduler;

  /**
   * @param tierExecutor the application's tier executor, or null for the default pool
   * @param scheduler the application's scheduler, or null for a lazy daemon thread
   */
  TierExecutors(Executor tierExecutor, ScheduledExecutorService scheduler) {
    this.ownsTierExecutor = tierExecutor == null;
    this.tierExecutor = ownsTierExecutor ? defaultTierExecutor() : tierExecutor;
    this.ownsScheduler = scheduler == null;
    this.scheduler = scheduler;
  }

  /** Runs tier calls bounded by a timeout. */
  Executor tierExecutor() {
    return tierExecutor;
  }

  /** Schedules write-behind flushes; the default one is created on the first call. */
  synchronized ScheduledExecutorService scheduler() {
    if (scheduler == null) {
      ScheduledThreadPoolExecutor pool =
          new ScheduledThreadPoolExecutor(
              1, daemon(new AtomicInteger(), "stratacache-write-behind"));
      pool.setRemoveOnCancelPolicy(true);
      scheduler = pool;
    }
    return scheduler;
  }

  /** Shuts down the executors created here; the application's keep running. */
  @Override
  public void close() {
    synchronized (this) {
      if (ownsScheduler && scheduler != null) {
        scheduler.shutdownNow();
      }
    }
    if (ownsTierExecutor) {
      ((ThreadPoolExecutor) tierExecutor).shutdownNow();
    }
  }

  /** Up to 64 daemon threads for tier calls bounded by a timeout; a saturated pool fails fast. */
  private static Executor defaultTierExecutor() {
    return new ThreadPoolExecutor(
        0,
        MAX_TIER_THREADS,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        daemon(new AtomicInteger(), "stratacache-tier-"));
  }

  /** Daemon threads named {@code name}, numbered when the name ends with a dash. */
  private static java.util.concurrent.ThreadFactory daemon(AtomicInteger count, String name) {
    return task -> {
      Thread t = new Thread(task, name.endsWith("-") ? name + count.incrementAndGet() : name);
      t.setDaemon(true);
      return t;
    };
  }
}
