package io.stratacache.monitoring;

import java.time.Duration;
import java.util.List;

/**
 * A condition another feature adds to the application's alert rules, so that its alerts are
 * evaluated, stored, listed ({@code GET /api/v1/cache/monitoring/alerts}), shown on the dashboard
 * and tuned ({@code PUT .../rules/{name}}) like the monitoring's own. A feature implements it in a
 * CDI bean ({@code @ApplicationScoped}); the alert service finds every such bean at start-up. The
 * rule fires for each subject whose value is above the rule's threshold and auto-resolves when the
 * value no longer is.
 *
 * <p>{@link #read} is called by the alert evaluation (every 30 s on the member that claimed the
 * tick, and on {@code POST .../alerts/evaluate}); it must be quick, thread-safe and must not block
 * on a remote call without a bound. An exception from it is logged and counts as "nothing found".
 */
public interface AlertCondition {

  /**
   * The rule's name: 1 to 64 characters of {@code a-z}, {@code 0-9} and {@code _}, unique among all
   * rules (a name the monitoring already uses is refused at start-up).
   */
  String rule();

  /** What the rule checks, with the threshold's unit. */
  String description();

  /** The threshold the rule starts with: it fires for a value above it. */
  double defaultThreshold();

  /**
   * The severity the rule starts with: {@code LOW}, {@code MEDIUM}, {@code HIGH} or {@code
   * CRITICAL}.
   */
  String defaultSeverity();

  /**
   * What is seen now: one reading per subject the rule judges (a subject with no reading is judged
   * clear).
   *
   * @param window the rule's window (its {@code windowSeconds}), for conditions over a period
   */
  List<Reading> read(Duration window);

  /**
   * One subject's figure.
   *
   * @param subject what the reading is about, shown as the alert's {@code cache} (for example
   *     {@code ai-upstream}); at most 128 characters
   * @param value the figure compared with the threshold
   * @param message what was seen, in words, for the alert
   */
  record Reading(String subject, double value, String message) {}
}
