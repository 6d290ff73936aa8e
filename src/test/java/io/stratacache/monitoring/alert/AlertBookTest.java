package io.stratacache.monitoring.alert;

import static io.stratacache.monitoring.CacheWindows.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.BreakerState;
import io.stratacache.cache.FakeClock;
import io.stratacache.cache.TierStatus;
import io.stratacache.monitoring.CacheWindow;
import io.stratacache.platform.UnknownEntityException;
import io.stratacache.warmup.WarmupRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The alert state machine and what each default rule finds. */
class AlertBookTest {

  final FakeClock clock = new FakeClock();
  final MemoryAlertStore store = new MemoryAlertStore();
  final AlertBook book = new AlertBook(store, clock);
  final AlertRules rules = new AlertRules(100);
  final FakeObservations seen = new FakeObservations();
  List<AlertRule> defaults = new ArrayList<>(AlertRules.DEFAULTS);

  Evaluation evaluate() {
    return book.apply(rules.check(defaults, seen));
  }

  List<Alert> active(String rule) {
    return store.active().stream().filter(a -> a.rule().equals(rule)).toList();
  }

  @Test
  void lowHitRate_opensOnce_thenAutoResolvesWhenItClears() {
    seen.windows.put("brand-stats", traffic("brand-stats", 200, 120)); // 60 %
    seen.windows.put("fine", traffic("fine", 200, 190));
    assertEquals(new Evaluation(1, 0, 1), evaluate());
    Alert a = active(AlertRules.HIT_RATE_LOW).get(0);
    assertEquals("brand-stats", a.cache());
    assertEquals(Severity.HIGH, a.severity());
    assertEquals(0.6, a.value(), 1e-9);
    assertEquals(0.7, a.threshold(), 1e-9);
    assertEquals("hit rate 60.0% < 70% (200 requests in 300 s)", a.message());

    clock.advance(Duration.ofSeconds(30));
    assertEquals(new Evaluation(0, 0, 1), evaluate(), "no duplicate while active");
    assertEquals(1, store.alerts.size());

    seen.windows.put("brand-stats", traffic("brand-stats", 200, 180));
    clock.advance(Duration.ofSeconds(30));
    assertEquals(new Evaluation(0, 1, 0), evaluate());
    Alert closed = store.find(a.id()).orElseThrow();
    assertEquals(AlertState.AUTO_RESOLVED, closed.state());
    assertEquals(Instant.ofEpochMilli(clock.millis()), closed.resolvedAt());

    seen.windows.put("brand-stats", traffic("brand-stats", 200, 100));
    assertEquals(1, evaluate().opened(), "a new alert once the old one closed");
    assertEquals(2, store.alerts.size());
  }

  @Test
  void veryLowHitRate_opensHighAndCritical() {
    seen.windows.put("c", traffic("c", 200, 40));
    evaluate();
    assertEquals(1, active(AlertRules.HIT_RATE_LOW).size());
    assertEquals(Severity.CRITICAL, active(AlertRules.HIT_RATE_CRITICAL).get(0).severity());
  }

  @Test
  void idleCache_doesNotAlert_andAnActiveAlertResolves() {
    seen.windows.put("c", traffic("c", 99, 0));
    assertEquals(0, evaluate().opened(), "fewer than minRequests requests");
    seen.windows.put("c", traffic("c", 100, 0));
    assertEquals(2, evaluate().opened());
    seen.windows.put("c", traffic("c", 0, 0));
    assertEquals(2, evaluate().resolved(), "an idle cache is not judged, its alerts clear");
  }

  @Test
  void manualResolve_closesAsResolved_andTheConditionReopensIt() {
    seen.windows.put("c", traffic("c", 200, 120));
    evaluate();
    Alert a = active(AlertRules.HIT_RATE_LOW).get(0);
    Alert resolved = book.resolve(a.id());
    assertEquals(AlertState.RESOLVED, resolved.state());
    assertThrows(IllegalStateException.class, () -> book.resolve(a.id()), "already resolved");
    assertThrows(UnknownEntityException.class, () -> book.resolve(999));
    assertEquals(1, evaluate().opened(), "still true: a new alert opens");
  }

  @Test
  void disabledRule_resolvesItsAlerts_andOpensNone() {
    seen.windows.put("c", traffic("c", 200, 120));
    evaluate();
    defaults.replaceAll(
        r -> r.name().equals(AlertRules.HIT_RATE_LOW) ? r.with(0.7, 300, Severity.HIGH, false) : r);
    assertEquals(new Evaluation(0, 1, 0), evaluate());
  }

  @Test
  void editedThreshold_andWindow_areUsed() {
    seen.windows.put("c", traffic("c", 200, 190)); // 95 %
    assertEquals(0, evaluate().opened());
    defaults.replaceAll(
        r -> r.name().equals(AlertRules.HIT_RATE_LOW) ? r.with(0.99, 60, Severity.LOW, true) : r);
    evaluate();
    assertEquals(Severity.LOW, active(AlertRules.HIT_RATE_LOW).get(0).severity());
    assertTrue(seen.asked.contains(Duration.ofSeconds(60)));
  }

  @Test
  void nearBytes_latency_misses_warmup_tiers() {
    seen.nearBytes.put("big", 101L * 1024 * 1024);
    seen.nearBytes.put("small", 99L * 1024 * 1024);
    seen.windows.put(
        "slow", new CacheWindow("slow", 300, 10, 10, 0, 0, 0, 0, 0, 10, 150, 10, 250, 0));
    seen.windows.put("fast", new CacheWindow("fast", 300, 9, 9, 0, 0, 0, 0, 0, 9, 500, 9, 500, 0));
    seen.windows.put("missy", traffic("missy", 1001, 0));
    seen.degraded.put(
        "brand-stats",
        List.of(new TierStatus("brand-stats", "grid", BreakerState.OPEN, "5 of 6 failed", 0, 1)));
    seen.lastRun =
        new WarmupRun(
            "r1", "startup", Instant.EPOCH, Instant.EPOCH, 10, 5, 4, 1, 20, 80.0, List.of());
    evaluate();
    assertEquals("big", active(AlertRules.NEAR_BYTES_HIGH).get(0).cache());
    assertEquals(1, active(AlertRules.NEAR_BYTES_HIGH).size());
    assertEquals("slow", active(AlertRules.READ_LATENCY_HIGH).get(0).cache());
    assertEquals(1, active(AlertRules.READ_LATENCY_HIGH).size(), "fast: too few calls to judge");
    assertEquals(250, active(AlertRules.WRITE_LATENCY_HIGH).get(0).value(), 1e-9);
    assertEquals("missy", active(AlertRules.MISSES_HIGH).get(0).cache());
    Alert w = active(AlertRules.WARMUP_FAILED).get(0);
    assertEquals(AlertRules.NO_CACHE, w.cache());
    assertEquals("warm-up run r1 (startup) failed 1 of 5 tasks", w.message());
    Alert t = active(AlertRules.TIER_DEGRADED).get(0);
    assertEquals("grid DOWN: 5 of 6 failed", t.message());

    seen.lastRun =
        new WarmupRun(
            "r2", "cron", Instant.EPOCH, Instant.EPOCH, 10, 5, 5, 0, 20, 100.0, List.of());
    seen.degraded.clear();
    evaluate();
    assertTrue(active(AlertRules.WARMUP_FAILED).isEmpty(), "a later clean run clears it");
    assertTrue(active(AlertRules.TIER_DEGRADED).isEmpty());
  }

  @Test
  void twoBooksOnOneStore_neverDuplicate() {
    AlertBook other = new AlertBook(store, clock);
    seen.windows.put("c", traffic("c", 200, 120));
    List<Finding> f = rules.check(defaults, seen);
    assertEquals(1, book.apply(f).opened());
    assertEquals(0, other.apply(f).opened());
    assertEquals(1, store.active().size());
  }

  @Test
  void tickIds_agreeWithinAFewSeconds() {
    Instant t = Instant.parse("2026-11-22T05:00:30Z");
    assertEquals(AlertTimer.tickId(t), AlertTimer.tickId(t.plusSeconds(5)));
    assertEquals(AlertTimer.tickId(t), AlertTimer.tickId(t.minusSeconds(5)));
    assertEquals("alerts:2026-11-22T05:00:30Z", AlertTimer.tickId(t));
    assertTrue(!AlertTimer.tickId(t).equals(AlertTimer.tickId(t.plusSeconds(30))));
    assertEquals(t, AlertTimer.tick(t.plusSeconds(14)));
    assertEquals(t.plusSeconds(30), AlertTimer.tick(t.plusSeconds(15)));
    assertEquals(Optional.empty(), store.find(42));
  }
}
