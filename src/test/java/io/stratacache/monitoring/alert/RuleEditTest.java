package io.stratacache.monitoring.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.JsonRequests;
import org.junit.jupiter.api.Test;

/** Validation of rule edits: every member, its type and range. */
class RuleEditTest {

  final AlertRule hitRate = AlertRules.defaults(AlertRules.HIT_RATE_LOW).orElseThrow();
  final AlertRule misses = AlertRules.defaults(AlertRules.MISSES_HIGH).orElseThrow();

  /** The edit as the REST layer binds and validates it. */
  static RuleEdit.Request json(String s) {
    return JsonRequests.bind(s, RuleEdit.Request.class);
  }

  @Test
  void apply_changesOnlyWhatIsSent() {
    AlertRule r = RuleEdit.apply(hitRate, json("{\"threshold\":0.8}"));
    assertEquals(0.8, r.threshold());
    assertEquals(300, r.windowSeconds());
    r =
        RuleEdit.apply(
            misses, json("{\"windowSeconds\":600,\"severity\":\"low\",\"enabled\":false}"));
    assertEquals(
        new AlertRule(misses.name(), misses.description(), 1000, 600, Severity.LOW, false), r);
  }

  @Test
  void apply_badInput_400() {
    for (String bad :
        new String[] {
          "{\"threshold\":\"high\"}",
          "{\"threshold\":-1}",
          "{\"threshold\":1.5}",
          "{\"windowSeconds\":29}",
          "{\"windowSeconds\":3601}",
          "{\"windowSeconds\":60.5}",
          "{\"windowSeconds\":\"60\"}",
          "{\"severity\":\"URGENT\"}",
          "{\"severity\":3}",
          "{\"enabled\":\"yes\"}",
          "{\"threshhold\":0.5}",
          "{}"
        }) {
      assertThrows(InvalidInputException.class, () -> RuleEdit.apply(hitRate, json(bad)), bad);
    }
    assertEquals(5000, RuleEdit.apply(misses, json("{\"threshold\":5000}")).threshold());
  }

  @Test
  void stateAndSeverityNames() {
    assertEquals(AlertState.AUTO_RESOLVED, RuleEdit.state("auto_resolved"));
    assertThrows(InvalidInputException.class, () -> RuleEdit.state("OPEN"));
    assertThrows(InvalidInputException.class, () -> RuleEdit.severity("SEVERE"));
  }
}
