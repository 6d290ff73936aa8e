package io.stratacache.cache;

import java.util.Objects;

/**
 * The availability of one tier of one cache, as its circuit breaker sees it: cheap to read (no call
 * to the tier), meant for health checks.
 *
 * @param cache the cache
 * @param tier {@code grid} or {@code store} (the near tier has no breaker and is always closed)
 * @param state the breaker's state
 * @param reason why it is not closed (for example {@code "5 of 6 calls failed within 10s, last:
 *     timeout after 500ms"}); empty when closed
 * @param sinceMillis epoch millis of the last transition (the cache's creation before the first)
 * @param opens how many times the breaker opened since the cache was created
 */
public record TierStatus(
    String cache, String tier, BreakerState state, String reason, long sinceMillis, long opens)
    implements java.io.Serializable {

  public TierStatus {
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
  }

  /** True unless the breaker is closed: health should say {@code DEGRADED} with {@link #reason}. */
  public boolean degraded() {
    return state != BreakerState.CLOSED;
  }
}
