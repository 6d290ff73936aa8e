package io.stratacache.monitoring;

import io.stratacache.cache.CacheClock;
import io.stratacache.cache.CacheStats;
import io.stratacache.monitoring.latency.LatencyStats;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Samples of each cache's counters taken every {@value LatencyStats#ROTATE_SECONDS} s and kept
 * {@value #RETENTION_SECONDS} s, so that alert rules and suggestions can ask what a cache did in
 * the last N seconds ({@link #window}). The counters are this instance's (each instance has its own
 * statistics). A few dozen longs per sample and cache. Thread-safe.
 */
public final class CacheHistory {

  /** How far back windows reach: the longest rule window. */
  public static final int RETENTION_SECONDS = 3600;

  private record Sample(
      long atNanos,
      long requests,
      long hits,
      long misses,
      long puts,
      long evictions,
      long expirations,
      long loads,
      long gets,
      long getNanos,
      long timedPuts,
      long putNanos,
      long timedLoads,
      long loadNanos) {

    static final Sample ZERO = new Sample(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  private final Function<String, Optional<CacheStats>> stats;
  private final LatencyStats latency;
  private final CacheClock clock;
  private final long startNanos;
  private final ConcurrentHashMap<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

  /**
   * @param stats each cache's current statistics (empty for an unknown cache)
   * @param latency the latency totals
   * @param clock the monotonic time of samples
   */
  public CacheHistory(
      Function<String, Optional<CacheStats>> stats, LatencyStats latency, CacheClock clock) {
    this.stats = Objects.requireNonNull(stats, "stats");
    this.latency = Objects.requireNonNull(latency, "latency");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startNanos = clock.nanoTime();
  }

  /** Takes a sample of {@code cache} now and drops samples past the retention. */
  public void sample(String cache) {
    Optional<Sample> now = current(cache);
    if (now.isEmpty()) {
      return;
    }
    Deque<Sample> q = samples.computeIfAbsent(cache, n -> new ArrayDeque<>());
    long limit = now.get().atNanos() - TimeUnit.SECONDS.toNanos(RETENTION_SECONDS + 60L);
    synchronized (q) {
      q.addLast(now.get());
      while (!q.isEmpty() && q.peekFirst().atNanos() < limit) {
        q.removeFirst();
      }
    }
  }

  /**
   * What {@code cache} did in the last {@code window}: now minus the newest sample at least that
   * old; since start when there is none. Empty for an unknown cache.
   */
  public Optional<CacheWindow> window(String cache, Duration window) {
    Optional<Sample> now = current(cache);
    if (now.isEmpty()) {
      return Optional.empty();
    }
    long limit = now.get().atNanos() - window.toNanos();
    Sample base = Sample.ZERO;
    long baseAt = startNanos;
    Deque<Sample> q = samples.get(cache);
    if (q != null) {
      synchronized (q) {
        for (Sample s : q) {
          if (s.atNanos() <= limit) {
            base = s;
            baseAt = s.atNanos();
          }
        }
      }
    }
    Sample n = now.get();
    long gets = n.gets() - base.gets();
    long timedPuts = n.timedPuts() - base.timedPuts();
    long timedLoads = n.timedLoads() - base.timedLoads();
    return Optional.of(
        new CacheWindow(
            cache,
            TimeUnit.NANOSECONDS.toSeconds(n.atNanos() - baseAt),
            n.requests() - base.requests(),
            n.hits() - base.hits(),
            n.misses() - base.misses(),
            n.puts() - base.puts(),
            n.evictions() - base.evictions(),
            n.expirations() - base.expirations(),
            n.loads() - base.loads(),
            gets,
            mean(n.getNanos() - base.getNanos(), gets),
            timedPuts,
            mean(n.putNanos() - base.putNanos(), timedPuts),
            mean(n.loadNanos() - base.loadNanos(), timedLoads)));
  }

  private static double mean(long nanos, long count) {
    return count <= 0 ? 0 : nanos / 1e6 / count;
  }

  private Optional<Sample> current(String cache) {
    Optional<CacheStats> s = stats.apply(cache);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    CacheStats c = s.get();
    LatencyStats.Totals t = latency.totals(cache);
    return Optional.of(
        new Sample(
            clock.nanoTime(),
            c.requests(),
            c.hits() + c.staleHits(),
            c.misses(),
            c.puts(),
            c.evictions(),
            c.expirations(),
            c.loads() + c.loadFailures(),
            t.get().count(),
            t.get().sumNanos(),
            t.put().count(),
            t.put().sumNanos(),
            t.load().count(),
            t.load().sumNanos()));
  }
}
