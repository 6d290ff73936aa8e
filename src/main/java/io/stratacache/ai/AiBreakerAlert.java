package io.stratacache.ai;

import io.stratacache.monitoring.AlertCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * The alert rule {@value #RULE}: the AI upstream's circuit breaker refuses calls on the instance
 * that evaluates the rules (value 1 while open, 0 while closed; default threshold 0, severity
 * HIGH). Its alert, on the subject {@value #SUBJECT}, opens at the first evaluation that sees the
 * breaker open and auto-resolves at the first that sees it closed. In mock mode there is no
 * upstream and nothing to judge.
 */
@ApplicationScoped
public class AiBreakerAlert implements AlertCondition {

  /** The rule's name. */
  public static final String RULE = "ai_breaker_open";

  /** The alert's subject (its {@code cache}). */
  public static final String SUBJECT = "ai-upstream";

  @Inject AiGeneration generation;

  @Override
  public String rule() {
    return RULE;
  }

  @Override
  public String description() {
    return "the AI upstream's circuit breaker refuses calls on the evaluating instance (1 open,"
        + " 0 closed) above the threshold";
  }

  @Override
  public double defaultThreshold() {
    return 0;
  }

  @Override
  public String defaultSeverity() {
    return "HIGH";
  }

  @Override
  public List<Reading> read(Duration window) {
    AiGeneration.BreakerState b = generation.breaker();
    if (b.mock()) {
      return List.of();
    }
    return List.of(
        new Reading(
            SUBJECT,
            b.open() ? 1 : 0,
            b.open()
                ? "AI upstream circuit breaker open since "
                    + b.openSince()
                    + ": generations answer 503 with Retry-After"
                : "AI upstream circuit breaker closed"));
  }
}
