package io.stratacache.cache;

/** The state of a tier's circuit breaker. */
public enum BreakerState {
  /** The tier is called normally. */
  CLOSED,
  /** The tier failed too often: it is skipped without being called until the cool-down ends. */
  OPEN,
  /** The cool-down ended: one probe call is let through; its outcome closes or reopens. */
  HALF_OPEN
}
