package io.stratacache.ai;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try an upstream call again: at most {@code maxRetries} more attempts after the first, the
 * n-th retry after {@code initialDelay × multiplier^(n-1)} (capped at {@code maxDelay}), spread by
 * ± {@code jitter} of itself, and never sooner than the upstream's {@code Retry-After}. A {@code
 * Retry-After} longer than {@code maxDelay} ends the retries at once: the caller gets the failure
 * with that {@code Retry-After} rather than a request held open for minutes. Immutable.
 *
 * @param maxRetries 0..10
 * @param initialDelay the first retry's delay, 0 or more
 * @param multiplier 1..10
 * @param maxDelay the longest single wait
 * @param jitter 0..1, the spread of each delay as a fraction of it
 */
public record RetryPolicy(
    int maxRetries, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

  /** The defaults: 3 retries after 2 s, 4 s, 8 s, ±20 %, no single wait over 30 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(30), 0.2);

  public RetryPolicy {
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("AI_RETRY_MAX must be 0..10, was " + maxRetries);
    }
    if (initialDelay.isNegative()) {
      throw new IllegalArgumentException("AI_RETRY_DELAY must not be negative");
    }
    if (!(multiplier >= 1 && multiplier <= 10)) {
      throw new IllegalArgumentException("AI_RETRY_MULTIPLIER must be 1..10, was " + multiplier);
    }
    if (maxDelay.isNegative()) {
      throw new IllegalArgumentException("AI_RETRY_MAX_DELAY must not be negative");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("AI_RETRY_JITTER must be 0..1, was " + jitter);
    }
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry), or null if no retry is due:
   * {@code retry} is past {@link #maxRetries()} or {@code retryAfter} exceeds {@link #maxDelay()}.
   *
   * @param retryAfter the upstream's Retry-After, or null
   * @param random a source of uniform numbers in [0, 1)
   */
  public Duration delay(int retry, Duration retryAfter, DoubleSupplier random) {
    if (retry < 1 || retry > maxRetries) {
      return null;
    }
    if (retryAfter != null && retryAfter.compareTo(maxDelay) > 0) {
      return null;
    }
    double base = initialDelay.toMillis() * Math.pow(multiplier, retry - 1);
    base = Math.min(base, maxDelay.toMillis());
    double spread = 1 + jitter * (2 * random.getAsDouble() - 1);
    long millis = Math.round(Math.min(base * spread, maxDelay.toMillis()));
    Duration backoff = Duration.ofMillis(Math.max(0, millis));
    return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
  }
}
