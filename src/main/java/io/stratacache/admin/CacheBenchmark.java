package io.stratacache.admin;

import io.stratacache.admin.BenchmarkAnswer.Phase;
import io.stratacache.admin.RefusedRequestException.Reason;
import io.stratacache.cache.CacheClock;
import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.CacheStats;
import io.stratacache.cache.TierStats;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.platform.InvalidInputException;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The self-benchmark: {@code put}, near hits and grid hits (after a near miss) on two scratch
 * caches, timed per operation with the injected clock. One run at a time; the scratch caches are
 * cleared when a run ends, whatever its outcome. Thread-safe.
 */
final class CacheBenchmark {

  private static final Logger LOG = Logger.getLogger(CacheBenchmark.class.getName());

  /** Scratch cache of the put and near-hit phases (near tier, and grid when there is one). */
  static final String NEAR_CACHE = "admin-benchmark";

  /** Scratch cache of the grid-hit phase: no near tier, so every read is answered by the grid. */
  static final String GRID_CACHE = "admin-benchmark-grid";

  /** The most measured operations per phase. */
  static final int MAX_ITERATIONS = 100_000;

  /** Default measured operations per phase. */
  static final int DEFAULT_ITERATIONS = 1000;

  /** The most distinct keys a run cycles through. */
  static final int MAX_KEYS = 1000;

  /** Size of the benchmark value, in characters (ASCII). */
  static final int VALUE_LENGTH = 256;

  private final TieredCaches caches;
  private final CacheClock clock;
  private final ReentrantLock running = new ReentrantLock();
  private final String value = "v".repeat(VALUE_LENGTH);

  CacheBenchmark(TieredCaches caches, CacheClock clock) {
    this.caches = caches;
    this.clock = clock;
  }

  /**
   * Parses the {@code iterations} query parameter: {@value #DEFAULT_ITERATIONS} when absent.
   *
   * @throws InvalidInputException if not an integer in 1..{@value #MAX_ITERATIONS}
   */
  static int iterations(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_ITERATIONS;
    }
    try {
      return checked(Integer.parseInt(raw.trim()));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "iterations must be an integer between 1 and "
              + MAX_ITERATIONS
              + ", was '"
              + raw.trim()
              + "'");
    }
  }

  private static int checked(int iterations) {
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new InvalidInputException(
          "iterations must be between 1 and " + MAX_ITERATIONS + ", was " + iterations);
    }
    return iterations;
  }

  BenchmarkAnswer run(int iterations) {
    checked(iterations);
    if (!running.tryLock()) {
      throw new RefusedRequestException(Reason.CONFLICT, "a benchmark is already running");
    }
    TieredCache<Object> near = null;
    TieredCache<Object> grid = null;
    try {
      near = scratch(CacheSettings.builder(NEAR_CACHE).ttlJitter(0), true, true);
      grid = scratch(CacheSettings.builder(GRID_CACHE).ttlJitter(0), false, false);
      int keys = Math.min(iterations, MAX_KEYS);
      TieredCache<Object> n = near;
      Phase put = measure(n, iterations, keys, i -> n.put(key(i % keys), value));
      Phase nearHit = measure(n, iterations, keys, i -> n.get(key(i % keys), k -> value));
      Phase gridHit = null;
      if (grid != null) {
        TieredCache<Object> g = grid;
        for (int i = 0; i < keys; i++) {
          g.put(key(i), value);
        }
        gridHit = measure(g, iterations, keys, i -> g.get(key(i % keys), k -> value));
      }
      LOG.log(
          Level.INFO,
          "cache benchmark, {0} iterations: put {1} ops/s, near hit {2} ops/s, grid hit {3} ops/s",
          new Object[] {
            iterations,
            Math.round(put.opsPerSecond()),
            Math.round(nearHit.opsPerSecond()),
            gridHit == null ? "-" : Math.round(gridHit.opsPerSecond())
          });
      return new BenchmarkAnswer(
          iterations,
          keys,
          VALUE_LENGTH,
          put,
          nearHit,
          gridHit,
          "latencies in microseconds, single-threaded, after a warm-up pass over the keys; "
              + (grid == null
                  ? "no grid tier in this instance, so no grid-hit phase"
                  : "grid hits are read from a cache without a near tier"));
    } finally {
      try {
        if (near != null) {
          near.clear();
        }
        if (grid != null) {
          grid.clear();
        }
      } finally {
        running.unlock();
      }
    }
  }

  /**
   * The scratch cache with these settings (grid on if the registry has one); null when {@code
   * optionalGrid} is false and there is no grid.
   */
  private TieredCache<Object> scratch(
      CacheSettings.Builder settings, boolean nearTier, boolean nearOnlyFallback) {
    try {
      return caches.cache(settings.tiers(nearTier, true, false).build(), Object.class);
    } catch (IllegalStateException noGrid) {
      if (!nearOnlyFallback) {
        return null;
      }
      try {
        return caches.cache(settings.tiers(true, false, false).build(), Object.class);
      } catch (IllegalArgumentException e) {
        throw conflict(e);
      }
    } catch (IllegalArgumentException e) {
      throw conflict(e);
    }
  }

  private static RefusedRequestException conflict(IllegalArgumentException e) {
    return new RefusedRequestException(
        Reason.CONFLICT,
        "the benchmark's scratch caches ("
            + NEAR_CACHE
            + ", "
            + GRID_CACHE
            + ") exist with other settings: "
            + e.getMessage());
  }

  /** An unmeasured warm-up pass over the keys, then {@code iterations} timed operations. */
  private Phase measure(TieredCache<Object> cache, int iterations, int keys, IntConsumer op) {
    for (int i = 0; i < keys; i++) {
      op.accept(i);
    }
    CacheStats before = cache.stats();
    long[] nanos = new long[iterations];
    long start = clock.nanoTime();
    for (int i = 0; i < iterations; i++) {
      long t0 = clock.nanoTime();
      op.accept(i);
      nanos[i] = clock.nanoTime() - t0;
    }
    long total = Math.max(1, clock.nanoTime() - start);
    CacheStats after = cache.stats();
    Arrays.sort(nanos);
    return new Phase(
        iterations,
        round(iterations * 1e9 / total),
        micros(percentile(nanos, 0.50)),
        micros(percentile(nanos, 0.99)),
        micros(nanos[nanos.length - 1]),
        hits(after, "near") - hits(before, "near"),
        hits(after, "grid") - hits(before, "grid"));
  }

  private static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static long hits(CacheStats stats, String tier) {
    return stats.tier(tier).map(TierStats::hits).orElse(0L);
  }

  private static double micros(long nanos) {
    return round(nanos / 1000.0);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String key(int i) {
    return "bench:" + i;
  }
}
