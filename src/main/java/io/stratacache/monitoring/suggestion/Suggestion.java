package io.stratacache.monitoring.suggestion;

import java.util.Map;

/**
 * A tuning suggestion derived from the figures, with the evidence behind it. Immutable.
 *
 * @param cache the cache it concerns
 * @param rule which suggestion rule produced it ({@code ttl_too_short}, {@code near_too_small},
 *     {@code breaker_flapping}, {@code slow_loads}, {@code write_only})
 * @param title what is wrong, in a few words
 * @param action what to change, naming the setting and its current and proposed values
 * @param evidence the figures that triggered it, by name
 */
public record Suggestion(
    String cache, String rule, String title, String action, Map<String, Object> evidence) {

  public Suggestion {
    evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
  }
}
