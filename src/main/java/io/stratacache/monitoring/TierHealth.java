package io.stratacache.monitoring;

import io.stratacache.cache.BreakerState;

/**
 * A tier's health as monitoring reports it (health checks, dashboard, alerts), read from its
 * circuit breaker; declared from best to worst.
 */
public enum TierHealth {
  /** Breaker closed: the tier answers. */
  UP,
  /** Breaker half-open: a probe call decides whether the tier is back. */
  DEGRADED,
  /** Breaker open: the tier is skipped. */
  DOWN;

  /** The health of a tier whose breaker is in {@code state}. */
  public static TierHealth of(BreakerState state) {
    return switch (state) {
      case CLOSED -> UP;
      case HALF_OPEN -> DEGRADED;
      case OPEN -> DOWN;
    };
  }

  /** The worse of this and {@code other}. */
  public TierHealth worse(TierHealth other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
