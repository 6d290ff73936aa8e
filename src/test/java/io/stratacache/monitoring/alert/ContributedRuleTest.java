package io.stratacache.monitoring.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.FakeClock;
import io.stratacache.monitoring.AlertCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rule another feature contributes through {@link AlertCondition}. */
class ContributedRuleTest {

  /** A condition whose readings the test sets. */
  static final class Switch implements AlertCondition {
    final String name;
    final String severity;
    volatile List<Reading> readings = List.of();
    volatile RuntimeException failure;

    Switch(String name, String severity) {
      this.name = name;
      this.severity = severity;
    }

    @Override
    public String rule() {
      return name;
    }

    @Override
    public String description() {
      return "a switch (1 on)";
    }

    @Override
    public double defaultThreshold() {
      return 0;
    }

    @Override
    public String defaultSeverity() {
      return severity;
    }

    @Override
    public List<Reading> read(Duration window) {
      if (failure != null) {
        throw failure;
      }
      return readings;
    }
  }

  final FakeClock clock = new FakeClock();
  final MemoryAlertStore store = new MemoryAlertStore();
  final AlertBook book = new AlertBook(store, clock);
  final Switch breaker = new Switch("feature_breaker_open", "HIGH");
  final AlertRules rules = new AlertRules(100, List.of(breaker));
  final FakeObservations seen = new FakeObservations();

  Evaluation evaluate() {
    return book.apply(rules.check(rules.all(), seen));
  }

  @Test
  void all_listsTheContributedRuleAfterTheOwnOnes() {
    List<AlertRule> all = rules.all();
    assertEquals(AlertRules.DEFAULTS.size() + 1, all.size());
    AlertRule r = all.get(all.size() - 1);
    assertEquals("feature_breaker_open", r.name());
    assertEquals(Severity.HIGH, r.severity());
    assertEquals(0, r.threshold());
    assertEquals(300, r.windowSeconds());
    assertTrue(rules.defaultOf("feature_breaker_open").isPresent());
    assertTrue(AlertRules.defaults("feature_breaker_open").isEmpty(), "not a built-in rule");
  }

  @Test
  void check_readingAboveThreshold_opensThenAutoResolves() {
    breaker.readings = List.of(new AlertCondition.Reading("upstream", 1, "open since 12:00"));
    assertEquals(new Evaluation(1, 0, 1), evaluate());
    Alert a = store.active().get(0);
    assertEquals("feature_breaker_open", a.rule());
    assertEquals("upstream", a.cache());
    assertEquals("open since 12:00", a.message());
    assertEquals(Severity.HIGH, a.severity());
    assertEquals(new Evaluation(0, 0, 1), evaluate(), "no duplicate while it holds");

    breaker.readings = List.of(new AlertCondition.Reading("upstream", 0, "closed"));
    assertEquals(new Evaluation(0, 1, 0), evaluate());
    assertEquals(AlertState.AUTO_RESOLVED, store.find(a.id()).orElseThrow().state());
  }

  @Test
  void check_editedThresholdAndDisabled_areHonoured() {
    breaker.readings = List.of(new AlertCondition.Reading("upstream", 1, "open"));
    List<AlertRule> edited = new ArrayList<>();
    for (AlertRule r : rules.all()) {
      edited.add(r.name().equals(breaker.name) ? r.with(1, 300, Severity.LOW, true) : r);
    }
    assertEquals(0, rules.check(edited, seen).size(), "1 is not above 1");
    edited.replaceAll(r -> r.name().equals(breaker.name) ? r.with(0, 300, Severity.LOW, false) : r);
    assertEquals(0, rules.check(edited, seen).size(), "disabled");
  }

  @Test
  void check_failingCondition_findsNothing() {
    breaker.failure = new IllegalStateException("boom");
    assertEquals(List.of(), rules.check(rules.all(), seen));
  }

  @Test
  void constructor_refusesBadContributions() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AlertRules(100, List.of(new Switch(AlertRules.TIER_DEGRADED, "HIGH"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AlertRules(100, List.of(new Switch("Bad Name", "HIGH"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AlertRules(100, List.of(new Switch("x", "URGENT"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AlertRules(100, List.of(new Switch("x", "LOW"), new Switch("x", "LOW"))));
  }
}
