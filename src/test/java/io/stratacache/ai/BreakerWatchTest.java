package io.stratacache.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** This instance's view of the upstream's circuit breaker. */
class BreakerWatchTest {

  final FakeClock clock = new FakeClock();
  final BreakerWatch watch = new BreakerWatch(clock, Duration.ofSeconds(30));

  @Test
  void refused_opensAndCountsDownTheRetryAfter() {
    assertFalse(watch.open());
    assertEquals(Duration.ofSeconds(30), watch.refused());
    assertTrue(watch.open());
    assertEquals(1, watch.opened());
    clock.advance(Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(20), watch.refused());
    assertEquals(1, watch.opened(), "the same open period");
    clock.advance(Duration.ofMillis(19_800));
    assertEquals(Duration.ofSeconds(1), watch.refused(), "at least one second");
  }

  @Test
  void open_endsAtTheDelayOrAtASuccess() {
    watch.refused();
    clock.advance(Duration.ofSeconds(30));
    assertFalse(watch.open(), "half-open after the delay");
    assertTrue(watch.openSince().isEmpty());
    watch.refused();
    assertTrue(watch.open());
    assertEquals(2, watch.opened(), "a refusal after the delay is a new open period");
    assertEquals(clock.instant().toEpochMilli(), watch.openSince().orElseThrow().toEpochMilli());
    watch.succeeded();
    assertFalse(watch.open());
  }
}
