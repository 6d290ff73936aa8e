package io.stratacache.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test advances it: the one fake clock of the tests, for the cache
 * ({@link CacheClock}) and for anything that reads an {@link java.time.InstantSource}. Millisecond
 * resolution; thread-safe.
 */
public final class FakeClock implements CacheClock {
  private final AtomicLong millis;

  /** A clock at 2023-11-14T22:13:20Z. */
  public FakeClock() {
    this(Instant.ofEpochMilli(1_700_000_000_000L));
  }

  /** A clock at {@code start}. */
  public FakeClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  public void advance(Duration duration) {
    millis.addAndGet(duration.toMillis());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public long nanoTime() {
    return millis.get() * 1_000_000;
  }
}
