package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link CoarseClock}: follows its source within a tick, never goes back, stops on close. */
class CoarseClockTest {

  private static void within(Duration timeout, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within " + timeout);
      Thread.sleep(1);
    }
  }

  @Test
  void millis_followsSource_nanoTimeFromSource() throws Exception {
    FakeClock source = new FakeClock();
    try (CoarseClock clock = CoarseClock.start(source, 1, "test-clock")) {
      assertEquals(source.millis(), clock.millis());
      source.advance(Duration.ofMillis(250));
      within(Duration.ofSeconds(5), () -> clock.millis() == source.millis());
      assertEquals(source.nanoTime(), clock.nanoTime());
      assertEquals(source.millis(), clock.instant().toEpochMilli());
    }
  }

  @Test
  void millis_sourceStepsBack_holds() throws Exception {
    FakeClock source = new FakeClock();
    try (CoarseClock clock = CoarseClock.start(source, 1, "test-clock")) {
      long start = clock.millis();
      source.advance(Duration.ofMillis(-1_000));
      Thread.sleep(20);
      assertEquals(start, clock.millis());
    }
  }

  @Test
  void close_stopsTicking() throws Exception {
    FakeClock source = new FakeClock();
    CoarseClock clock = CoarseClock.start(source, 1, "test-clock");
    clock.close();
    Thread.sleep(20);
    long stopped = clock.millis();
    source.advance(Duration.ofSeconds(1));
    Thread.sleep(20);
    assertEquals(stopped, clock.millis());
  }

  @Test
  void system_closeToSystemTime() {
    try (CoarseClock clock = CoarseClock.system()) {
      assertTrue(Math.abs(System.currentTimeMillis() - clock.millis()) < 1_000);
    }
  }

  @Test
  void start_badPeriod_refused() {
    assertThrows(IllegalArgumentException.class, () -> CoarseClock.start(new FakeClock(), 0, "x"));
  }
}
