package io.stratacache.monitoring.alert;

import io.stratacache.platform.InvalidInputException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code PUT /api/v1/cache/monitoring/rules/{name}}: any of {@code threshold} (a JSON
 * number, 0 or more; 0..1 for hit-rate rules), {@code windowSeconds} (a whole JSON number, {@value
 * AlertRules#MIN_WINDOW}..{@value AlertRules#MAX_WINDOW}), {@code severity} (LOW, MEDIUM, HIGH,
 * CRITICAL) and {@code enabled} (true or false). Validated completely before anything changes:
 * another member, a value of the wrong JSON type or out of range, or an empty body is refused with
 * {@link InvalidInputException} (400).
 */
final class RuleEdit {

  private static final Set<String> FIELDS =
      Set.of("threshold", "windowSeconds", "severity", "enabled");

  private RuleEdit() {}

  /** The rule with the edit applied. */
  static AlertRule apply(AlertRule rule, JsonObject body) {
    for (String k : body.keySet()) {
      if (!FIELDS.contains(k)) {
        throw new InvalidInputException(
            "unknown member '"
                + k
                + "'; a rule edit has threshold, windowSeconds, severity, enabled");
      }
    }
    if (body.isEmpty()) {
      throw new InvalidInputException(
          "nothing to change: send any of threshold, windowSeconds, severity, enabled");
    }
    double threshold = rule.threshold();
    int window = rule.windowSeconds();
    Severity severity = rule.severity();
    boolean enabled = rule.enabled();
    if (body.containsKey("threshold")) {
      threshold = number(body.get("threshold"), "threshold");
      if (!Double.isFinite(threshold) || threshold < 0) {
        throw new InvalidInputException(
            "threshold must be a number of 0 or more, was " + threshold);
      }
      boolean ratio =
          rule.name().equals(AlertRules.HIT_RATE_LOW)
              || rule.name().equals(AlertRules.HIT_RATE_CRITICAL);
      if (ratio && threshold > 1) {
        throw new InvalidInputException(
            "threshold of " + rule.name() + " is a ratio between 0 and 1, was " + threshold);
      }
    }
    if (body.containsKey("windowSeconds")) {
      JsonValue v = body.get("windowSeconds");
      if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
        throw new InvalidInputException("windowSeconds must be a whole number, was " + v);
      }
      long w = n.longValue();
      if (w < AlertRules.MIN_WINDOW || w > AlertRules.MAX_WINDOW) {
        throw new InvalidInputException(
            "windowSeconds must be between "
                + AlertRules.MIN_WINDOW
                + " and "
                + AlertRules.MAX_WINDOW
                + ", was "
                + w);
      }
      window = (int) w;
    }
    if (body.containsKey("severity")) {
      severity = severity(body.get("severity"));
    }
    if (body.containsKey("enabled")) {
      JsonValue v = body.get("enabled");
      if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
        throw new InvalidInputException("enabled must be true or false, was " + v);
      }
      enabled = v == JsonValue.TRUE;
    }
    return rule.with(threshold, window, severity, enabled);
  }

  private static double number(JsonValue v, String name) {
    if (!(v instanceof JsonNumber n)) {
      throw new InvalidInputException(name + " must be a JSON number, was " + v);
    }
    return n.doubleValue();
  }

  private static Severity severity(JsonValue v) {
    if (v instanceof JsonString s) {
      return severity(s.getString());
    }
    throw new InvalidInputException(
        "severity must be one of " + Arrays.toString(Severity.values()));
  }

  /** Parses a severity name (case-insensitive). */
  static Severity severity(String text) {
    return constant(Severity.class, "severity", text);
  }

  /** Parses an alert state name (case-insensitive). */
  static AlertState state(String text) {
    return constant(AlertState.class, "state", text);
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String name, String text) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          name
              + " must be one of "
              + Arrays.toString(type.getEnumConstants())
              + ", was '"
              + text
              + "'");
    }
  }
}
