package io.stratacache.monitoring.alert;

/** The life of an alert: it opens {@code ACTIVE} and closes once, by itself or by an operator. */
public enum AlertState {
  /** The condition held at the last evaluation (or the alert has not been evaluated since). */
  ACTIVE,
  /** Closed through {@code POST /api/v1/cache/monitoring/alerts/resolve}. */
  RESOLVED,
  /** Closed by an evaluation that found the condition cleared (or its rule disabled). */
  AUTO_RESOLVED
}
