package io.stratacache.monitoring.dashboard;

import static io.stratacache.monitoring.CacheWindows.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratacache.cache.BreakerState;
import io.stratacache.cache.TierStatus;
import io.stratacache.monitoring.CacheWindow;
import io.stratacache.monitoring.alert.Alert;
import io.stratacache.monitoring.alert.AlertState;
import io.stratacache.monitoring.alert.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The health score's components, weights and status bands. */
class HealthScoreTest {

  static TierStatus tier(BreakerState state) {
    return new TierStatus("c", "grid", state, state == BreakerState.CLOSED ? "" : "x", 0, 0);
  }

  static Alert alert(Severity severity) {
    return new Alert(1, "r", "c", severity, AlertState.ACTIVE, "m", 0, 0, Instant.EPOCH, null);
  }

  @Test
  void allWell_100Healthy() {
    HealthScore.Result r =
        HealthScore.of(
            List.of(traffic("c", 1000, 1000)),
            100,
            List.of(tier(BreakerState.CLOSED)),
            List.of(),
            100);
    assertEquals(100, r.score());
    assertEquals("HEALTHY", r.status());
  }

  @Test
  void components_andWeights() {
    CacheWindow slow = new CacheWindow("s", 300, 0, 0, 0, 0, 0, 0, 0, 10, 500, 0, 0, 0);
    CacheWindow fast = new CacheWindow("f", 300, 1000, 600, 400, 0, 0, 0, 0, 10, 1, 0, 0, 0);
    HealthScore.Result r =
        HealthScore.of(
            List.of(slow, fast),
            100,
            List.of(
                tier(BreakerState.CLOSED), tier(BreakerState.HALF_OPEN), tier(BreakerState.OPEN)),
            List.of(alert(Severity.CRITICAL), alert(Severity.HIGH), alert(Severity.LOW)),
            100);
    assertEquals(new HealthScore.Components(60, 50, 35, 50), r.components());
    // 0.4*60 + 0.25*50 + 0.2*35 + 0.15*50 = 24 + 12.5 + 7 + 7.5 = 51
    assertEquals(51, r.score());
    assertEquals("WARNING", r.status());
  }

  @Test
  void idleAndNoTiers_countAsWell_manyAlertsFloorAtZero() {
    HealthScore.Result r =
        HealthScore.of(
            List.of(traffic("c", 99, 0)),
            100,
            List.of(),
            List.of(alert(Severity.CRITICAL), alert(Severity.CRITICAL), alert(Severity.CRITICAL)),
            100);
    assertEquals(new HealthScore.Components(100, 100, 0, 100), r.components());
    assertEquals(80, r.score());
    HealthScore.Result bad =
        HealthScore.of(
            List.of(traffic("c", 1000, 100)),
            100,
            List.of(tier(BreakerState.OPEN)),
            List.of(alert(Severity.CRITICAL), alert(Severity.CRITICAL), alert(Severity.CRITICAL)),
            100);
    assertEquals("CRITICAL", bad.status());
  }
}
