package io.stratacache.monitoring.alert;

import io.stratacache.platform.InvalidInputException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Arrays;
import java.util.Locale;

/**
 * The body of {@code PUT /api/v1/cache/monitoring/rules/{name}}: any of {@code threshold} (a JSON
 * number, 0 or more; 0..1 for hit-rate rules), {@code windowSeconds} (a whole JSON number, {@value
 * AlertRules#MIN_WINDOW}..{@value AlertRules#MAX_WINDOW}), {@code severity} (LOW, MEDIUM, HIGH,
 * CRITICAL) and {@code enabled} (true or false). Validated completely before anything changes: the
 * REST layer refuses another member and a value of the wrong JSON type or out of its static range
 * ({@link Request}'s constraints); {@link #apply} refuses an empty edit, a ratio over 1 and an
 * unknown severity, each with {@link InvalidInputException} (400).
 */
public final class RuleEdit {

  /**
   * A rule edit as sent; a null member (absent or JSON {@code null}) keeps the rule's value.
   *
   * @param threshold 0 or more
   * @param windowSeconds {@value AlertRules#MIN_WINDOW}..{@value AlertRules#MAX_WINDOW}
   * @param severity a {@link Severity} name, case-insensitive
   * @param enabled whether the rule is evaluated
   */
  public record Request(
      @PositiveOrZero(message = "must be a number of 0 or more") Double threshold,
      @Min(value = AlertRules.MIN_WINDOW, message = WINDOW)
          @Max(value = AlertRules.MAX_WINDOW, message = WINDOW)
          Integer windowSeconds,
      String severity,
      Boolean enabled) {
    /*
     * Declared, not implicit: a record component's constraints then stay on its field and
     * accessor and do not reach this constructor's parameters, where Payara's OpenAPI scanner
     * (6.2025.10) fails with a NullPointerException on any constraint of a parameter that is not
     * a @PathParam, and /openapi answers 500. Hibernate Validator checks the fields.
     */
    public Request(Double threshold, Integer windowSeconds, String severity, Boolean enabled) {
      this.threshold = threshold;
      this.windowSeconds = windowSeconds;
      this.severity = severity;
      this.enabled = enabled;
    }
  }

  static final String WINDOW =
      "must be between " + AlertRules.MIN_WINDOW + " and " + AlertRules.MAX_WINDOW;

  private RuleEdit() {}

  /**
   * The rule with the edit applied.
   *
   * @throws InvalidInputException if the edit changes nothing, a hit-rate threshold is over 1, or
   *     the severity is unknown
   */
  static AlertRule apply(AlertRule rule, Request body) {
    if (body.threshold() == null
        && body.windowSeconds() == null
        && body.severity() == null
        && body.enabled() == null) {
      throw new InvalidInputException(
          "nothing to change: send any of threshold, windowSeconds, severity, enabled");
    }
    double threshold = rule.threshold();
    if (body.threshold() != null) {
      threshold = body.threshold();
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
    int window = rule.windowSeconds();
    if (body.windowSeconds() != null) {
      window = body.windowSeconds();
      if (window < AlertRules.MIN_WINDOW || window > AlertRules.MAX_WINDOW) {
        throw new InvalidInputException("windowSeconds " + WINDOW + ", was " + window);
      }
    }
    Severity severity = body.severity() == null ? rule.severity() : severity(body.severity());
    boolean enabled = body.enabled() == null ? rule.enabled() : body.enabled();
    return rule.with(threshold, window, severity, enabled);
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
