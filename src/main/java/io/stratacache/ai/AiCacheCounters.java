package io.stratacache.ai;

import io.stratacache.cache.ClusterCounters;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of the AI answer cache, kept twice: for this instance (in memory) and for the whole
 * cluster ({@link ClusterCounters}, summed over the members in the grid). Every generate request is
 * a hit (answered from the cache, or by waiting for another caller's generation of the same key), a
 * miss (this request generated) or an error (no answer). Tokens a miss's generation cost are spent;
 * tokens of the answer a hit was served are saved, since that generation was not repeated.
 * Thread-safe.
 */
final class AiCacheCounters {

  /** One figure; its cluster counter is {@code ai.<name in lower case>}. */
  enum Figure {
    HITS,
    MISSES,
    SETS,
    ERRORS,
    TOKENS_SPENT,
    TOKENS_SAVED,
    UPSTREAM_CALLS,
    RETRIES,
    UPSTREAM_TIMED,
    UPSTREAM_MICROS;

    String counter() {
      return "ai." + name().toLowerCase(Locale.ROOT);
    }
  }

  static final List<String> COUNTERS = Arrays.stream(Figure.values()).map(Figure::counter).toList();

  private final EnumMap<Figure, LongAdder> local = new EnumMap<>(Figure.class);
  private final ClusterCounters cluster;

  AiCacheCounters(ClusterCounters cluster) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    for (Figure f : Figure.values()) {
      local.put(f, new LongAdder());
    }
  }

  void hit(long tokens) {
    add(Figure.HITS, 1);
    add(Figure.TOKENS_SAVED, tokens);
  }

  void miss(long tokens) {
    add(Figure.MISSES, 1);
    add(Figure.TOKENS_SPENT, tokens);
  }

  void set() {
    add(Figure.SETS, 1);
  }

  void error() {
    add(Figure.ERRORS, 1);
  }

  void upstreamCall() {
    add(Figure.UPSTREAM_CALLS, 1);
  }

  /** An attempt that got an answer or a failure from the upstream after {@code latency}. */
  void upstreamLatency(Duration latency) {
    add(Figure.UPSTREAM_TIMED, 1);
    add(Figure.UPSTREAM_MICROS, Math.max(0, latency.toNanos() / 1000));
  }

  void retry() {
    add(Figure.RETRIES, 1);
  }

  private void add(Figure f, long n) {
    if (n != 0) {
      local.get(f).add(n);
      cluster.add(f.counter(), n);
    }
  }

  /** This instance's figures. */
  AiCacheStats snapshot(boolean mock) {
    EnumMap<Figure, Long> v = new EnumMap<>(Figure.class);
    local.forEach((f, a) -> v.put(f, a.sum()));
    return stats(v, mock);
  }

  /**
   * The cluster's figures: every member's requests summed.
   *
   * @throws RuntimeException if the grid did not answer within {@code timeout}
   */
  AiCacheStats clusterSnapshot(boolean mock, Duration timeout) {
    Map<String, Long> totals = cluster.read(COUNTERS, timeout);
    EnumMap<Figure, Long> v = new EnumMap<>(Figure.class);
    for (Figure f : Figure.values()) {
      v.put(f, totals.getOrDefault(f.counter(), 0L));
    }
    return stats(v, mock);
  }

  private static AiCacheStats stats(EnumMap<Figure, Long> v, boolean mock) {
    long h = v.get(Figure.HITS);
    long m = v.get(Figure.MISSES);
    long e = v.get(Figure.ERRORS);
    long total = h + m + e;
    double ratio = total == 0 ? 0 : (double) h / total;
    long timed = v.get(Figure.UPSTREAM_TIMED);
    double latency = timed == 0 ? 0 : v.get(Figure.UPSTREAM_MICROS) / 1000.0 / timed;
    return new AiCacheStats(
        h,
        m,
        v.get(Figure.SETS),
        e,
        total,
        String.format(Locale.ROOT, "%.2f%%", ratio * 100),
        ratio,
        v.get(Figure.TOKENS_SPENT),
        v.get(Figure.TOKENS_SAVED),
        v.get(Figure.UPSTREAM_CALLS),
        v.get(Figure.RETRIES),
        Math.round(latency * 100) / 100.0,
        mock ? MockGenerator.MODEL : "upstream");
  }
}
