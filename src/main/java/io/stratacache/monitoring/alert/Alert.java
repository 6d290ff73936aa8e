package io.stratacache.monitoring.alert;

import java.time.Instant;

/**
 * An alert: one rule's condition on one cache ({@code "*"} for the warm-up), from its opening to
 * its resolution. Immutable; the JSON form of the REST answers.
 *
 * @param id assigned by the store
 * @param rule the rule's name
 * @param cache the cache, or {@code "*"} for conditions of no cache (warm-up)
 * @param severity the rule's severity when the alert opened
 * @param state {@code ACTIVE} until resolved
 * @param message what was seen, in words
 * @param value the figure that breached the threshold (a ratio for hit rates, milliseconds for
 *     latencies, bytes, counts)
 * @param threshold the rule's threshold when the alert opened
 * @param openedAt when it opened
 * @param resolvedAt when it closed; null while active
 */
public record Alert(
    long id,
    String rule,
    String cache,
    Severity severity,
    AlertState state,
    String message,
    double value,
    double threshold,
    Instant openedAt,
    Instant resolvedAt) {

  /** The key under which at most one alert is active. */
  public String key() {
    return key(rule, cache);
  }

  static String key(String rule, String cache) {
    return rule + "|" + cache;
  }
}
