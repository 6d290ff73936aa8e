package io.stratacache.monitoring;

import java.util.function.LongConsumer;

/**
 * Turns a monotonic total kept by the cache core into increments of a real counter: each {@link
 * #advance} adds what the total grew by since the last call. A total that reads -1 (the tier cannot
 * tell, for example while its backend is down) or less than before (it cannot shrink, but a tier's
 * count may briefly read low while it reconnects) adds nothing, and the counter catches up once the
 * total passes its old high. Thread-safe.
 */
final class CounterFeed {

  private final LongConsumer counter;
  private long last;

  CounterFeed(LongConsumer counter) {
    this.counter = counter;
  }

  /**
   * Adds to the counter what {@code total} grew by.
   *
   * @return the increment added (0 or more)
   */
  synchronized long advance(long total) {
    if (total < 0 || total <= last) {
      return 0;
    }
    long delta = total - last;
    last = total;
    counter.accept(delta);
    return delta;
  }
}
