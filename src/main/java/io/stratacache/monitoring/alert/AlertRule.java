package io.stratacache.monitoring.alert;

/**
 * The tunable part of an alert rule, stored in table {@code alert_rule} and edited through {@code
 * PUT /api/v1/cache/monitoring/rules/{name}}; what the rule checks is fixed by its name ({@link
 * AlertRules}). Immutable.
 *
 * @param name the rule
 * @param description what it checks, with the threshold's unit
 * @param threshold the limit (its unit depends on the rule)
 * @param windowSeconds the window of the figures it reads, {@value AlertRules#MIN_WINDOW}..{@value
 *     AlertRules#MAX_WINDOW}
 * @param severity the severity of the alerts it opens
 * @param enabled whether it is evaluated (a disabled rule's active alerts auto-resolve)
 */
public record AlertRule(
    String name,
    String description,
    double threshold,
    int windowSeconds,
    Severity severity,
    boolean enabled) {

  /** This rule with other tunables. */
  AlertRule with(double threshold, int windowSeconds, Severity severity, boolean enabled) {
    return new AlertRule(name, description, threshold, windowSeconds, severity, enabled);
  }
}
