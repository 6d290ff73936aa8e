package io.stratacache.monitoring.alert;

/**
 * A rule's condition found true on one cache at one evaluation.
 *
 * @param rule the rule
 * @param cache the cache, or {@code "*"}
 * @param value the figure that breached
 * @param message what was seen, in words
 */
record Finding(AlertRule rule, String cache, double value, String message) {

  String key() {
    return Alert.key(rule.name(), cache);
  }
}
