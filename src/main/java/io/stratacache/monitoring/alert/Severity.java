package io.stratacache.monitoring.alert;

/** How urgent an alert is, from least to most. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
