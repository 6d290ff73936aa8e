package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The breaker's state machine on a fake clock: closed → open → half-open → closed or open. */
class CircuitBreakerTest {
  private final FakeClock clock = new FakeClock();
  private final AtomicInteger rejoins = new AtomicInteger();
  private final CircuitBreaker breaker =
      new CircuitBreaker(
          "c",
          "grid",
          clock,
          0.5,
          4,
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          rejoins::incrementAndGet);

  private void fail(int n) {
    for (int i = 0; i < n; i++) {
      assertTrue(breaker.allow());
      breaker.onFailure("boom");
    }
  }

  @Test
  void allow_belowMinimumCalls_staysClosed() {
    fail(3);
    assertEquals(BreakerState.CLOSED, breaker.state());
  }

  @Test
  void onFailure_rateReachedOverMinimumCalls_opens() {
    breaker.onSuccess();
    breaker.onSuccess();
    fail(1);
    assertEquals(BreakerState.CLOSED, breaker.state(), "1 of 3 failed");
    fail(1);
    assertEquals(BreakerState.OPEN, breaker.state(), "2 of 4 failed = 0.5");
    assertFalse(breaker.allow());
    TierStatus status = breaker.status();
    assertTrue(status.degraded());
    assertTrue(status.reason().contains("2 of 4 calls failed"), status.reason());
    assertTrue(status.reason().contains("boom"), status.reason());
    assertEquals(1, status.opens());
  }

  @Test
  void onFailure_oldFailuresLeftTheWindow_staysClosed() {
    fail(3);
    clock.advance(Duration.ofSeconds(11));
    fail(1);
    assertEquals(BreakerState.CLOSED, breaker.state(), "only 1 call in the window");
  }

  @Test
  void allow_afterCoolDown_letsOneProbeThrough() {
    fail(4);
    clock.advance(Duration.ofMillis(4999));
    assertFalse(breaker.allow());
    clock.advance(Duration.ofMillis(1));
    assertTrue(breaker.allow(), "the probe");
    assertEquals(BreakerState.HALF_OPEN, breaker.state());
    assertFalse(breaker.allow(), "one probe at a time");
  }

  @Test
  void onSuccess_probe_closesAndRejoins() {
    fail(4);
    clock.advance(Duration.ofSeconds(5));
    assertTrue(breaker.allow());
    breaker.onSuccess();
    assertEquals(BreakerState.CLOSED, breaker.state());
    assertEquals(1, rejoins.get());
    assertTrue(breaker.allow());
    assertEquals("", breaker.status().reason());
    fail(3);
    assertEquals(BreakerState.CLOSED, breaker.state(), "the window restarted on close");
  }

  @Test
  void onFailure_probe_reopensForAnotherCoolDown() {
    fail(4);
    clock.advance(Duration.ofSeconds(5));
    assertTrue(breaker.allow());
    breaker.onFailure("still down");
    assertEquals(BreakerState.OPEN, breaker.state());
    assertTrue(breaker.status().reason().contains("probe failed: still down"));
    assertEquals(2, breaker.status().opens());
    clock.advance(Duration.ofSeconds(4));
    assertFalse(breaker.allow());
    clock.advance(Duration.ofSeconds(1));
    assertTrue(breaker.allow());
    assertEquals(0, rejoins.get());
  }

  @Test
  void allow_probeNeverReported_anotherProbeAfterCoolDown() {
    fail(4);
    clock.advance(Duration.ofSeconds(5));
    assertTrue(breaker.allow());
    clock.advance(Duration.ofSeconds(5));
    assertTrue(breaker.allow(), "the first probe is presumed lost");
  }
}
