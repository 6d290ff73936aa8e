package io.stratacache.cache;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The only source of time of the cache: wall-clock milliseconds for expiry (absolute times shared
 * by all tiers and instances) and a monotonic nanosecond counter for measuring durations. Tests
 * pass a fake that they advance by hand.
 *
 * <p>Implementations must be thread-safe; {@link #millis()} should be cheap, it is read on every
 * cache hit.
 */
public interface CacheClock extends InstantSource {

  /** A monotonic counter in nanoseconds, only meaningful as a difference of two readings. */
  long nanoTime();

  /**
   * This clock without any coarsening: what orders events across instances (write versions, the
   * marks of invalidations) reads it, so that a time source trailing under load ({@link
   * CoarseClock}) cannot make a later event look older than another instance's earlier one. Itself
   * unless the clock trails a more precise source.
   */
  default CacheClock precise() {
    return this;
  }

  /** The system clock. */
  static CacheClock system() {
    return SystemClock.INSTANCE;
  }

  /** The system clock; the one place of the cache allowed to read the system's time. */
  enum SystemClock implements CacheClock {
    INSTANCE;

    @Override
    public long millis() {
      return System.currentTimeMillis();
    }

    @Override
    public Instant instant() {
      return Instant.now();
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }
  }
}
