package io.stratacache.ai;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this instance knows of the upstream's circuit breaker (MicroProfile Fault Tolerance offers
 * no way to ask it): it is open from the first call it refused until a call succeeds, or until its
 * delay has passed since then (it then lets a trial call through). A refusal after that delay
 * starts a new open period. Thread-safe; time comes from the injected clock.
 */
final class BreakerWatch {

  private final InstantSource clock;
  private final long delayMillis;
  private final AtomicLong openSince = new AtomicLong(-1);
  private final AtomicLong opened = new AtomicLong();

  BreakerWatch(InstantSource clock, Duration delay) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.delayMillis = delay.toMillis();
  }

  /**
   * The breaker refused a call now.
   *
   * @return how long until it lets a trial call through: what {@code Retry-After} says, at least 1
   *     s
   */
  Duration refused() {
    long now = clock.millis();
    long before = openSince.get();
    long since = openSince.updateAndGet(s -> s < 0 || now - s >= delayMillis ? now : s);
    if (since == now && (before < 0 || now - before >= delayMillis)) {
      opened.incrementAndGet();
    }
    return Duration.ofMillis(Math.max(1000, delayMillis - (now - since)));
  }

  /** A call went through and the upstream answered it: the breaker is closed. */
  void succeeded() {
    openSince.set(-1);
  }

  /** Whether the breaker refuses calls now, as far as this instance saw. */
  boolean open() {
    long since = openSince.get();
    return since >= 0 && clock.millis() - since < delayMillis;
  }

  /** Since when it is open, if it is. */
  Optional<Instant> openSince() {
    long since = openSince.get();
    return since >= 0 && open() ? Optional.of(Instant.ofEpochMilli(since)) : Optional.empty();
  }

  /** How many open periods this instance saw. */
  long opened() {
    return opened.get();
  }
}
