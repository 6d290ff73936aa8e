package io.stratacache.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  static final RetryPolicy NO_JITTER =
      new RetryPolicy(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(30), 0);

  @Test
  void delay_defaults_2s4s8sThenNone() {
    assertEquals(Duration.ofSeconds(2), NO_JITTER.delay(1, null, () -> 0.5));
    assertEquals(Duration.ofSeconds(4), NO_JITTER.delay(2, null, () -> 0.5));
    assertEquals(Duration.ofSeconds(8), NO_JITTER.delay(3, null, () -> 0.5));
    assertNull(NO_JITTER.delay(4, null, () -> 0.5));
  }

  @Test
  void delay_jitter_withinBounds() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertEquals(Duration.ofMillis(1600), p.delay(1, null, () -> 0.0));
    assertEquals(Duration.ofMillis(2400), p.delay(1, null, () -> 1.0));
    assertEquals(Duration.ofMillis(2000), p.delay(1, null, () -> 0.5));
  }

  @Test
  void delay_retryAfterLonger_waitsRetryAfter() {
    assertEquals(Duration.ofSeconds(7), NO_JITTER.delay(1, Duration.ofSeconds(7), () -> 0.5));
    assertEquals(Duration.ofSeconds(4), NO_JITTER.delay(2, Duration.ofSeconds(1), () -> 0.5));
  }

  @Test
  void delay_retryAfterBeyondMaxDelay_gives_up() {
    assertNull(NO_JITTER.delay(1, Duration.ofSeconds(31), () -> 0.5));
  }

  @Test
  void delay_cappedAtMaxDelay() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(2), 2, Duration.ofSeconds(10), 0.2);
    assertEquals(Duration.ofSeconds(10), p.delay(6, null, () -> 1.0));
  }

  @Test
  void constructor_badValues_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(-1, Duration.ZERO, 2, Duration.ZERO, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(3, Duration.ZERO, 0.5, Duration.ZERO, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(3, Duration.ZERO, 2, Duration.ZERO, 1.5));
  }

  static UpstreamException fail(UpstreamException.Kind kind, Duration retryAfter) {
    return new UpstreamException(kind, 0, retryAfter, kind.name());
  }

  @Test
  void run_retryableFailures_retriedWithBackoffThenSucceed() {
    List<Duration> waits = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    UpstreamRetry retry = new UpstreamRetry(NO_JITTER, waits::add, () -> 0.5, (e, n, d) -> {});
    String out =
        retry.run(
            () -> {
              int n = calls.incrementAndGet();
              if (n == 1) {
                throw fail(UpstreamException.Kind.UNAVAILABLE, null);
              }
              if (n == 2) {
                throw fail(UpstreamException.Kind.RATE_LIMITED, Duration.ofSeconds(5));
              }
              return "ok";
            });
    assertEquals("ok", out);
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(5)), waits);
  }

  @Test
  void run_rejected_notRetried() {
    List<Duration> waits = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    UpstreamRetry retry = new UpstreamRetry(NO_JITTER, waits::add, () -> 0.5, (e, n, d) -> {});
    assertThrows(
        UpstreamRejectedException.class,
        () ->
            retry.run(
                () -> {
                  calls.incrementAndGet();
                  throw new UpstreamRejectedException(400, "bad");
                }));
    assertEquals(1, calls.get());
    assertTrue(waits.isEmpty());
  }

  @Test
  void run_breakerOpen_notRetried() {
    AtomicInteger calls = new AtomicInteger();
    UpstreamRetry retry = new UpstreamRetry(NO_JITTER, d -> {}, () -> 0.5, (e, n, d) -> {});
    assertThrows(
        UpstreamException.class,
        () ->
            retry.run(
                () -> {
                  calls.incrementAndGet();
                  throw fail(UpstreamException.Kind.BREAKER_OPEN, Duration.ofSeconds(3));
                }));
    assertEquals(1, calls.get());
  }

  @Test
  void run_alwaysFailing_stopsAfterMaxRetries() {
    List<Duration> waits = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    UpstreamRetry retry = new UpstreamRetry(NO_JITTER, waits::add, () -> 0.5, (e, n, d) -> {});
    UpstreamException e =
        assertThrows(
            UpstreamException.class,
            () ->
                retry.run(
                    () -> {
                      calls.incrementAndGet();
                      throw fail(UpstreamException.Kind.TIMEOUT, null);
                    }));
    assertEquals(UpstreamException.Kind.TIMEOUT, e.kind());
    assertEquals(4, calls.get());
    assertEquals(3, waits.size());
  }

  @Test
  void retryAfter_secondsAndHttpDate() {
    java.time.Clock clock =
        java.time.Clock.fixed(
            java.time.Instant.parse("2026-12-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    assertEquals(Duration.ofSeconds(3), UpstreamCall.retryAfter("3", clock));
    assertEquals(
        Duration.ofSeconds(10), UpstreamCall.retryAfter("Tue, 01 Dec 2026 00:00:10 GMT", clock));
    assertNull(UpstreamCall.retryAfter("soon", clock));
    assertNull(UpstreamCall.retryAfter(null, clock));
  }
}
