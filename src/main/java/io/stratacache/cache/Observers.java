package io.stratacache.cache;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The observers of one {@link TieredCaches}, shared by its caches: copy-on-write, so a notification
 * reads one volatile array and takes no lock. A failing observer is logged once and skipped for
 * that call.
 */
final class Observers {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());
  private static final CacheObserver[] NONE = new CacheObserver[0];

  /** The default of {@link TieredCaches.Builder#timingSample}: one read in 16 is timed. */
  static final int DEFAULT_TIMING_SAMPLE = 16;

  private volatile CacheObserver[] observers = NONE;
  private final AtomicBoolean warned = new AtomicBoolean();
  private final int timingMask;

  /** Observers timing one read in {@code timingSample} (a power of two). */
  Observers(int timingSample) {
    this.timingMask = timingSample - 1;
  }

  Observers() {
    this(DEFAULT_TIMING_SAMPLE);
  }

  synchronized void add(CacheObserver observer) {
    Objects.requireNonNull(observer, "observer");
    CacheObserver[] next = Arrays.copyOf(observers, observers.length + 1);
    next[observers.length] = observer;
    observers = next;
  }

  synchronized boolean remove(CacheObserver observer) {
    CacheObserver[] now = observers;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == observer) {
        CacheObserver[] next = new CacheObserver[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        observers = next;
        return true;
      }
    }
    return false;
  }

  /** Whether any observer is registered: callers skip reading the clock when not. */
  boolean active() {
    return observers.length != 0;
  }

  /** Whether this read is timed (one in the timing sample, drawn at random per read). */
  boolean timeThisRead() {
    return timingMask == 0 || (ThreadLocalRandom.current().nextInt() & timingMask) == 0;
  }

  void get(String cache, String key, long nanos) {
    for (CacheObserver o : observers) {
      try {
        o.onGet(cache, key, nanos);
      } catch (RuntimeException e) {
        failed(o, e);
      }
    }
  }

  void put(String cache, String key, long nanos) {
    for (CacheObserver o : observers) {
      try {
        o.onPut(cache, key, nanos);
      } catch (RuntimeException e) {
        failed(o, e);
      }
    }
  }

  void load(String cache, String key, long nanos, boolean failed) {
    for (CacheObserver o : observers) {
      try {
        o.onLoad(cache, key, nanos, failed);
      } catch (RuntimeException e) {
        failed(o, e);
      }
    }
  }

  private void failed(CacheObserver observer, RuntimeException e) {
    if (warned.compareAndSet(false, true)) {
      LOG.log(
          Level.WARNING,
          "cache observer {0} failed (logged once): {1}",
          new Object[] {observer.getClass().getName(), e});
      LOG.log(Level.FINE, "cache observer " + observer.getClass().getName() + " failed", e);
    }
  }
}
