package io.stratacache.cache;

import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls of one tier bounded by a timeout. With a positive timeout each call runs on the tier
 * executor and the caller waits at most that long; a read of a tier offering {@link Tier#getAsync}
 * waits on the tier's own future instead, without changing threads. A call that does not answer in
 * time is cancelled (its thread interrupted), counted in {@link #timeouts()} and fails with a
 * {@link TierTimeoutException}; a saturated executor fails the call at once. With a zero timeout
 * (or no executor) calls run on the caller's thread, unbounded. Thread-safe.
 */
final class TimedCalls {
  private final long timeoutMillis;
  private final Executor executor;
  private final LongAdder timeouts = new LongAdder();

  /**
   * @param timeoutMillis the bound of one call; zero or less runs calls on the caller's thread
   * @param executor runs bounded calls; null runs every call on the caller's thread
   */
  TimedCalls(long timeoutMillis, Executor executor) {
    this.timeoutMillis = executor == null ? 0 : Math.max(0, timeoutMillis);
    this.executor = executor;
  }

  /** The bound of one call in milliseconds; 0 if unbounded. */
  long timeoutMillis() {
    return timeoutMillis;
  }

  /** Calls that timed out so far. */
  long timeouts() {
    return timeouts.sum();
  }

  /** The tier's entry for {@code key}, read within the timeout. */
  <P> TierEntry<P> get(Tier<P> tier, String key, long now) {
    if (timeoutMillis <= 0) {
      return tier.get(key, now);
    }
    CompletionStage<TierEntry<P>> async = tier.getAsync(key, now);
    if (async == null) {
      return call(() -> tier.get(key, now), 1);
    }
    try {
      return async.toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      async.toCompletableFuture().cancel(true);
      timeouts.increment();
      throw new TierTimeoutException(timeoutMillis);
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TierTimeoutException(0);
    }
  }

  /** Runs {@code action} within {@code factor} times the timeout (bulk operations: ten). */
  void run(Runnable action, int factor) {
    call(
        () -> {
          action.run();
          return null;
        },
        factor);
  }

  /** Calls {@code action} within {@code factor} times the timeout. */
  <T> T call(Callable<T> action, int factor) {
    long timeout = timeoutMillis * factor;
    if (timeout <= 0) {
      try {
        return action.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    FutureTask<T> task = new FutureTask<>(action);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      throw new TierTimeoutException("the tier executor is saturated");
    }
    try {
      return task.get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      timeouts.increment();
      throw new TierTimeoutException(timeout);
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new TierTimeoutException("interrupted while waiting");
    }
  }

  private static RuntimeException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }

  /** A tier call that did not answer in time (or could not be started). */
  static final class TierTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TierTimeoutException(long millis) {
      this("timeout after " + millis + " ms");
    }

    TierTimeoutException(String message) {
      super(message, null, false, false);
    }
  }
}
