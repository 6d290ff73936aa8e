package io.stratacache.ai;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one generation through its attempts under a {@link RetryPolicy}: an {@link
 * UpstreamException} whose kind is retryable (timeout, connection failure, 5xx, 429) is tried again
 * after the policy's delay; any other failure, or the last attempt's, reaches the caller. The waits
 * happen on the caller's thread through {@link Sleeper}, so tests drive them. This is the retry
 * layer rather than MicroProfile's {@code @Retry}, which cannot wait for a {@code Retry-After} the
 * upstream named. Thread-safe.
 */
final class UpstreamRetry {

  private static final Logger LOG = Logger.getLogger(UpstreamRetry.class.getName());

  /** Waits; a test's sleeper records instead. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Told of every retry, for metrics. */
  @FunctionalInterface
  interface RetryListener {
    void retrying(UpstreamException cause, int retry, Duration delay);
  }

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final RetryListener listener;

  UpstreamRetry(RetryPolicy policy, Sleeper sleeper, DoubleSupplier random, RetryListener l) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.random = random;
    this.listener = l;
  }

  <T> T run(Supplier<T> attempt) {
    for (int retry = 1; ; retry++) {
      try {
        return attempt.get();
      } catch (UpstreamException e) {
        if (!e.kind().retryable()) {
          throw e;
        }
        Duration delay = policy.delay(retry, e.retryAfter(), random);
        if (delay == null) {
          throw e;
        }
        listener.retrying(e, retry, delay);
        LOG.log(
            Level.INFO,
            "AI upstream attempt {0} failed ({1}: {2}); retry in {3} ms",
            new Object[] {retry, e.kind(), e.getMessage(), delay.toMillis()});
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
