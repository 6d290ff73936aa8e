package io.stratacache.monitoring.latency;

import io.stratacache.cache.CacheClock;
import io.stratacache.cache.CacheObserver;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Latency of every cache's get, put and load, fed by the cache core as a {@link CacheObserver}: one
 * {@link LatencyRecorder} per cache and operation (never per key). Recording costs a map lookup and
 * a few {@link java.util.concurrent.atomic.LongAdder} increments on the caller's thread. Gets
 * reported {@link CacheObserver#UNTIMED} (outside the core's timing sample) are counted, not timed:
 * get percentiles come from the timed sample, the count from every read.
 *
 * <p>{@link #rotate()} (every {@value #ROTATE_SECONDS} s, by {@link
 * io.stratacache.monitoring.CacheMonitoring}) keeps snapshots of the last {@value #KEPT} rotations
 * so that {@link #of} reports percentiles of roughly the last minute. Thread-safe.
 */
@ApplicationScoped
public class LatencyStats implements CacheObserver {

  /** The seconds between rotations. */
  public static final int ROTATE_SECONDS = 15;

  /** The window of the percentiles of {@link #of}: the last minute. */
  static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);

  static final int KEPT = 6;

  /**
   * Latency of one cache: counts since start, percentiles and averages over about the last minute
   * (between 60 and 75 s; since start before that), in milliseconds; 0 when no call.
   */
  public record Latency(
      long gets,
      double getP50Millis,
      double getP99Millis,
      long puts,
      double putP99Millis,
      long loads,
      double loadAvgMillis,
      double loadP99Millis) {}

  /** The three totals of one cache at one moment (or the difference of two moments). */
  public record Totals(LatencySnapshot get, LatencySnapshot put, LatencySnapshot load) {
    static final Totals EMPTY =
        new Totals(LatencySnapshot.EMPTY, LatencySnapshot.EMPTY, LatencySnapshot.EMPTY);

    Totals minus(Totals earlier) {
      return new Totals(get.minus(earlier.get), put.minus(earlier.put), load.minus(earlier.load));
    }
  }

  private record Kept(long atNanos, Totals totals) {}

  private static final class PerCache {
    final LatencyRecorder get = new LatencyRecorder();
    final LatencyRecorder put = new LatencyRecorder();
    final LatencyRecorder load = new LatencyRecorder();
    final java.util.concurrent.atomic.LongAdder untimedGets =
        new java.util.concurrent.atomic.LongAdder();
    final Deque<Kept> kept = new ArrayDeque<>();

    Totals totals() {
      return new Totals(
          get.snapshot().withUntimed(untimedGets.sum()), put.snapshot(), load.snapshot());
    }
  }

  private final ConcurrentHashMap<String, PerCache> caches = new ConcurrentHashMap<>();
  private final CacheClock clock;

  /**
   * The observer to register: the recording object itself rather than a CDI client proxy, so each
   * call skips the proxy's context lookup.
   */
  private final CacheObserver direct =
      new CacheObserver() {
        @Override
        public void onGet(String cache, String key, long nanos) {
          LatencyStats.this.onGet(cache, key, nanos);
        }

        @Override
        public void onPut(String cache, String key, long nanos) {
          LatencyStats.this.onPut(cache, key, nanos);
        }

        @Override
        public void onLoad(String cache, String key, long nanos, boolean failed) {
          LatencyStats.this.onLoad(cache, key, nanos, failed);
        }
      };

  /** For CDI: the system clock. */
  public LatencyStats() {
    this(CacheClock.system());
  }

  /** For tests: a clock they drive. */
  public LatencyStats(CacheClock clock) {
    this.clock = clock;
  }

  /** The observer to register with {@link io.stratacache.cache.TieredCaches#addObserver}. */
  public CacheObserver observer() {
    return direct;
  }

  @Override
  public void onGet(String cache, String key, long nanos) {
    PerCache p = of(cache, true);
    if (nanos == CacheObserver.UNTIMED) {
      p.untimedGets.increment();
    } else {
      p.get.record(nanos);
    }
  }

  @Override
  public void onPut(String cache, String key, long nanos) {
    of(cache, true).put.record(nanos);
  }

  @Override
  public void onLoad(String cache, String key, long nanos, boolean failed) {
    of(cache, true).load.record(nanos);
  }

  private PerCache of(String cache, boolean create) {
    PerCache p = caches.get(cache);
    if (p == null && create) {
      p = caches.computeIfAbsent(cache, n -> new PerCache());
    }
    return p;
  }

  /** The caches that recorded anything. */
  public Set<String> caches() {
    return new TreeSet<>(caches.keySet());
  }

  /** Latency of {@code cache}; empty if it recorded nothing yet. */
  public Optional<Latency> of(String cache) {
    PerCache p = of(cache, false);
    if (p == null) {
      return Optional.empty();
    }
    Totals now = p.totals();
    Totals window = now.minus(baseline(p));
    return Optional.of(
        new Latency(
            now.get().count(),
            window.get().quantileMillis(0.5),
            window.get().quantileMillis(0.99),
            now.put().count(),
            window.put().quantileMillis(0.99),
            now.load().count(),
            window.load().meanMillis(),
            window.load().quantileMillis(0.99)));
  }

  /** The totals since start of {@code cache} (empty totals if it recorded nothing). */
  public Totals totals(String cache) {
    PerCache p = of(cache, false);
    return p == null ? Totals.EMPTY : p.totals();
  }

  /** The window of the last minute of {@code cache}: {@code get}, {@code put}, {@code load}. */
  public Totals lastMinute(String cache) {
    PerCache p = of(cache, false);
    return p == null ? Totals.EMPTY : p.totals().minus(baseline(p));
  }

  /** Keeps a snapshot of every cache's totals; drops those older than needed. */
  public void rotate() {
    long now = clock.nanoTime();
    for (PerCache p : caches.values()) {
      synchronized (p) {
        p.kept.addLast(new Kept(now, p.totals()));
        while (p.kept.size() > KEPT) {
          p.kept.removeFirst();
        }
      }
    }
  }

  /** The newest kept snapshot at least a minute old, else the oldest, else nothing. */
  private Totals baseline(PerCache p) {
    long limit = clock.nanoTime() - WINDOW_NANOS;
    synchronized (p) {
      Totals best = null;
      for (Kept k : p.kept) {
        if (k.atNanos() <= limit) {
          best = k.totals();
        }
      }
      if (best == null) {
        return Totals.EMPTY;
      }
      return best;
    }
  }
}
