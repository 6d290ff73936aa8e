package io.stratacache.monitoring;

import io.stratacache.cache.BreakerState;
import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.CacheStats;
import io.stratacache.cache.TierStats;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.monitoring.latency.LatencySnapshot;
import io.stratacache.monitoring.latency.LatencyStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Binds every cache's statistics to metrics, one per figure, cache and tier (never per key), named
 * {@code stratacache_cache_<figure>} and tagged {@code cache} and {@code tier}. Tier {@code near},
 * {@code grid} or {@code store} carries that tier's figures; tier {@code all} carries the cache's
 * own (each request counted once, whichever tier answered), and is the only tier of the figures
 * that belong to the cache alone.
 *
 * <ul>
 *   <li><b>Counters</b> ({@link #COUNTERS}): the cache core keeps monotonic totals; {@link #sync}
 *       adds to each real counter what its total grew by ({@link CounterFeed}). It runs every few
 *       seconds and whenever a cache's {@code hit_rate{tier="all"}} gauge is scraped, so a counter
 *       lags its total by at most one scrape.
 *   <li><b>Gauges</b> ({@link #GAUGES}, breaker state, staleness): read at scrape time from {@link
 *       StatsSnapshots}; a figure a tier cannot tell (-1) reads NaN.
 *   <li><b>Latency</b> of get, put and load per cache from {@link LatencyStats}: {@code
 *       stratacache_cache_<op>_seconds{cache,quantile}} (0.5, 0.99, over the last minute), {@code
 *       _seconds_max} (last minute), {@code _seconds_count} and {@code _seconds_sum} (totals).
 * </ul>
 *
 * <p>Knows nothing of the metrics library: it registers through a {@link MetricSink}. Thread-safe.
 */
final class CacheMetricsBinding {

  /** The prefix of every metric name. */
  public static final String PREFIX = "stratacache_cache_";

  /** The {@code tier} tag value of whole-cache figures. */
  public static final String ALL_TIERS = "all";

  /** One counted figure: read from a tier ({@code null}: whole cache only) and from the cache. */
  record Counted(
      String name,
      String description,
      ToLongFunction<TierStats> tier,
      ToLongFunction<CacheStats> cache) {}

  /** One gauge figure. */
  record Gauged(
      String name,
      String description,
      ToDoubleFunction<TierStats> tier,
      ToDoubleFunction<CacheStats> cache) {}

  static final List<Counted> COUNTERS =
      List.of(
          new Counted(
              "requests",
              "Lookups (tier) or get/peek requests (all)",
              TierStats::requests,
              CacheStats::requests),
          new Counted(
              "hits", "Lookups answered with a fresh entry", TierStats::hits, CacheStats::hits),
          new Counted(
              "misses", "Lookups that found nothing fresh", TierStats::misses, CacheStats::misses),
          new Counted(
              "puts",
              "Entries written (tier: writes and promotions; all: put calls)",
              TierStats::puts,
              CacheStats::puts),
          new Counted(
              "evictions",
              "Entries dropped for lack of room",
              TierStats::evictions,
              CacheStats::evictions),
          new Counted(
              "expirations",
              "Entries dropped at the end of their retention",
              TierStats::expirations,
              CacheStats::expirations),
          new Counted(
              "errors",
              "Failed operations skipped (all: plus codec failures)",
              TierStats::errors,
              CacheStats::errors),
          new Counted("loads", "Loader calls that returned", null, CacheStats::loads),
          new Counted("load_failures", "Loader calls that threw", null, CacheStats::loadFailures),
          new Counted(
              "stale_hits",
              "Stale values served within a stale window",
              null,
              CacheStats::staleHits),
          new Counted(
              "negative_hits", "Hits on a cached not-found answer", null, CacheStats::negativeHits),
          new Counted("refreshes", "Background reloads started", null, CacheStats::refreshes));

  static final List<Gauged> GAUGES =
      List.of(
          new Gauged(
              "hit_rate",
              "Hits / requests since start (all: fresh and stale hits)",
              TierStats::hitRate,
              CacheStats::hitRate),
          new Gauged(
              "size", "Entries held (all: the largest tier)", TierStats::size, CacheStats::size),
          new Gauged(
              "bytes",
              "Encoded bytes held (all: sum of the tiers)",
              TierStats::bytes,
              CacheStats::bytes),
          new Gauged(
              "compression_ratio",
              "Uncompressed / stored bytes of the values written",
              TierStats::compressionRatio,
              CacheStats::compressionRatio),
          new Gauged(
              "load_time_seconds",
              "Total time spent in loader calls",
              null,
              s -> s.totalLoadTimeNanos() / 1e9));

  /** The latency operations and what they time. */
  static final Map<String, String> OPERATIONS =
      Map.of(
          "get", "get/peek calls, loads included",
          "put", "put calls",
          "load", "loader calls");

  static final double[] QUANTILES = {0.5, 0.99};

  private final TieredCaches caches;
  private final StatsSnapshots snapshots;
  private final LatencyStats latency;
  private final ConcurrentHashMap<String, List<Runnable>> bound = new ConcurrentHashMap<>();

  /**
   * @param caches the caches to bind
   * @param snapshots where figures are read
   * @param latency where latency is read
   */
  public CacheMetricsBinding(TieredCaches caches, StatsSnapshots snapshots, LatencyStats latency) {
    this.caches = Objects.requireNonNull(caches, "caches");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.latency = Objects.requireNonNull(latency, "latency");
  }

  /**
   * Registers the metrics of every cache not bound yet; cheap when there is none, so it can run
   * periodically to pick up caches created later.
   *
   * @return the caches bound by this call, sorted
   */
  public synchronized List<String> bindNew(MetricSink sink) {
    List<String> added = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(caches.names())) {
      if (bound.containsKey(name)) {
        continue;
      }
      TieredCache<?> cache = caches.find(name).orElse(null);
      if (cache == null) {
        continue;
      }
      bound.put(name, bind(name, tiers(cache.settings()), sink));
      added.add(name);
    }
    return added;
  }

  /** Brings every bound cache's counters up to its totals. */
  public void sync() {
    bound.keySet().forEach(this::sync);
  }

  /** Brings the counters of {@code cache} up to its totals. */
  public void sync(String cache) {
    List<Runnable> feeds = bound.get(cache);
    if (feeds != null) {
      feeds.forEach(Runnable::run);
    }
  }

  private List<Runnable> bind(String cache, List<String> tiers, MetricSink sink) {
    List<Runnable> feeds = new ArrayList<>();
    Function<String, Optional<CacheStats>> stats = snapshots::of;
    for (Counted f : COUNTERS) {
      String name = PREFIX + f.name();
      if (f.tier() != null) {
        for (String tier : tiers) {
          ToLongFunction<TierStats> read = f.tier();
          CounterFeed feed =
              new CounterFeed(sink.counter(name, f.description(), tags(cache, tier)));
          feeds.add(
              () ->
                  feed.advance(
                      stats
                          .apply(cache)
                          .flatMap(s -> s.tier(tier))
                          .map(read::applyAsLong)
                          .orElse(-1L)));
        }
      }
      ToLongFunction<CacheStats> read = f.cache();
      CounterFeed feed =
          new CounterFeed(sink.counter(name, f.description(), tags(cache, ALL_TIERS)));
      feeds.add(() -> feed.advance(stats.apply(cache).map(read::applyAsLong).orElse(-1L)));
    }
    for (Gauged f : GAUGES) {
      String name = PREFIX + f.name();
      if (f.tier() != null) {
        for (String tier : tiers) {
          ToDoubleFunction<TierStats> read = f.tier();
          sink.gauge(
              name,
              f.description(),
              tags(cache, tier),
              () -> known(stats.apply(cache).flatMap(s -> s.tier(tier)).map(read::applyAsDouble)));
        }
      }
      ToDoubleFunction<CacheStats> read = f.cache();
      boolean syncs = f.name().equals("hit_rate");
      sink.gauge(
          name,
          f.description(),
          tags(cache, ALL_TIERS),
          () -> {
            if (syncs) {
              sync(cache);
            }
            return known(stats.apply(cache).map(read::applyAsDouble));
          });
    }
    for (String tier : tiers) {
      sink.gauge(
          PREFIX + "breaker_state",
          "Circuit breaker of the tier: 0 closed (UP), 1 half-open (DEGRADED), 2 open (DOWN)",
          tags(cache, tier),
          () ->
              stats
                  .apply(cache)
                  .flatMap(s -> s.tier(tier))
                  .map(t -> (Number) breakerValue(t.state()))
                  .orElse(Double.NaN));
    }
    if (tiers.contains("near")) {
      sink.gauge(
          PREFIX + "staleness_seconds",
          "Observed staleness of near copies: p99 delay from another instance's invalidation to"
              + " its receipt here, over the last events (NaN before the first)",
          tags(cache, "near"),
          () ->
              known(
                  stats
                      .apply(cache)
                      .map(s -> s.coherence().p99StalenessMillis())
                      .map(ms -> ms < 0 ? -1.0 : ms / 1000.0)));
    }
    for (Map.Entry<String, String> op : new java.util.TreeMap<>(OPERATIONS).entrySet()) {
      bindLatency(cache, op.getKey(), op.getValue(), sink);
    }
    return feeds;
  }

  private void bindLatency(String cache, String op, String what, MetricSink sink) {
    String base = PREFIX + op + "_seconds";
    for (double q : QUANTILES) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("cache", cache);
      tags.put("quantile", String.valueOf(q));
      sink.gauge(
          base,
          "Duration of " + what + ", quantile over the last minute",
          tags,
          () -> window(cache, op).quantileMillis(q) / 1000.0);
    }
    Map<String, String> tags = Map.of("cache", cache);
    sink.gauge(
        base + "_max",
        "Longest " + what + " of the last minute",
        tags,
        () -> window(cache, op).maxMillis() / 1000.0);
    sink.gauge(
        base + "_count",
        "Number of " + what + " since start (monotonic)",
        tags,
        () -> total(cache, op).count());
    sink.gauge(
        base + "_sum",
        "Total duration of " + what + " since start (monotonic)",
        tags,
        () -> total(cache, op).sumNanos() / 1e9);
  }

  private LatencySnapshot window(String cache, String op) {
    return pick(latency.lastMinute(cache), op);
  }

  private LatencySnapshot total(String cache, String op) {
    return pick(latency.totals(cache), op);
  }

  private static LatencySnapshot pick(LatencyStats.Totals t, String op) {
    return switch (op) {
      case "get" -> t.get();
      case "put" -> t.put();
      default -> t.load();
    };
  }

  static int breakerValue(BreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  static Map<String, String> tags(String cache, String tier) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("cache", cache);
    tags.put("tier", tier);
    return tags;
  }

  private static Number known(Optional<Double> value) {
    double v = value.orElse(Double.NaN);
    return v < 0 ? Double.NaN : v;
  }

  static List<String> tiers(CacheSettings s) {
    List<String> tiers = new ArrayList<>(3);
    if (s.nearEnabled()) {
      tiers.add("near");
    }
    if (s.gridEnabled()) {
      tiers.add("grid");
    }
    if (s.storeEnabled()) {
      tiers.add("store");
    }
    return tiers;
  }
}
