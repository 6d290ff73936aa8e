package io.stratacache.monitoring;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.CacheStats;
import io.stratacache.cache.TierStats;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Binds every cache's statistics to gauges: one gauge per figure, cache and tier (never per key),
 * named {@code stratacache_cache_<figure>} and tagged {@code cache} and {@code tier}. Tier {@code
 * near}, {@code grid} or {@code store} carries that tier's figures (its lookups, hits, size...);
 * tier {@code all} carries the cache's own (each request counted once, whichever tier answered),
 * and is the only tier of the figures that belong to the cache alone (loads, load time, stale and
 * negative hits, refreshes). A figure a tier cannot tell (-1) reads as NaN.
 *
 * <p>Values are read when a gauge is read, from {@link StatsSnapshots}. Knows nothing of the
 * metrics library: it registers through a {@link GaugeSink}. Thread-safe.
 */
public final class CacheMetricsBinding {

  /** The prefix of every metric name. */
  public static final String PREFIX = "stratacache_cache_";

  /** The {@code tier} tag value of whole-cache figures. */
  public static final String ALL_TIERS = "all";

  /** Where gauges are registered (MicroProfile Metrics in the server, a map in tests). */
  @FunctionalInterface
  public interface GaugeSink {
    /**
     * Registers one gauge.
     *
     * @param name the metric name
     * @param description what it measures
     * @param cache the {@code cache} tag
     * @param tier the {@code tier} tag
     * @param value read at each scrape
     */
    void register(
        String name, String description, String cache, String tier, Supplier<Number> value);
  }

  /** One figure: its name, description, and how to read it from a tier and from the cache. */
  record Figure(
      String name,
      String description,
      ToDoubleFunction<TierStats> tier,
      ToDoubleFunction<CacheStats> cache) {}

  /** Every figure, in exposition order. */
  static final List<Figure> FIGURES =
      List.of(
          new Figure(
              "requests",
              "Lookups (tier) or get/peek requests (all)",
              TierStats::requests,
              CacheStats::requests),
          new Figure(
              "hits", "Lookups answered with a fresh entry", TierStats::hits, CacheStats::hits),
          new Figure(
              "misses", "Lookups that found nothing fresh", TierStats::misses, CacheStats::misses),
          new Figure(
              "hit_rate",
              "Hits / requests (all: fresh and stale hits)",
              TierStats::hitRate,
              CacheStats::hitRate),
          new Figure(
              "puts",
              "Entries written (tier: writes and promotions; all: put calls)",
              TierStats::puts,
              CacheStats::puts),
          new Figure(
              "evictions",
              "Entries dropped for lack of room",
              TierStats::evictions,
              CacheStats::evictions),
          new Figure(
              "expirations",
              "Entries dropped at the end of their retention",
              TierStats::expirations,
              CacheStats::expirations),
          new Figure(
              "size", "Entries held (all: the largest tier)", TierStats::size, CacheStats::size),
          new Figure(
              "bytes",
              "Encoded bytes held (all: sum of the tiers)",
              TierStats::bytes,
              CacheStats::bytes),
          new Figure(
              "compression_ratio",
              "Uncompressed / stored bytes of the values written",
              TierStats::compressionRatio,
              CacheStats::compressionRatio),
          new Figure(
              "errors",
              "Failed operations skipped (all: plus codec failures)",
              TierStats::errors,
              CacheStats::errors),
          new Figure(
              "stale_hits",
              "Stale values served within a stale window",
              null,
              CacheStats::staleHits),
          new Figure(
              "negative_hits", "Hits on a cached not-found answer", null, CacheStats::negativeHits),
          new Figure("loads", "Loader calls that returned", null, CacheStats::loads),
          new Figure("load_failures", "Loader calls that threw", null, CacheStats::loadFailures),
          new Figure(
              "load_time_seconds",
              "Total time spent in loader calls",
              null,
              s -> s.totalLoadTimeNanos() / 1e9),
          new Figure("refreshes", "Background reloads started", null, CacheStats::refreshes));

  private final TieredCaches caches;
  private final StatsSnapshots snapshots;
  private final Set<String> bound = new HashSet<>();

  public CacheMetricsBinding(TieredCaches caches, StatsSnapshots snapshots) {
    this.caches = Objects.requireNonNull(caches, "caches");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
  }

  /**
   * Registers the gauges of every cache not bound yet; cheap when there is none (a set difference),
   * so it can run periodically to pick up caches created later.
   *
   * @return the caches bound by this call, sorted
   */
  public synchronized List<String> bindNew(GaugeSink sink) {
    List<String> added = new ArrayList<>();
    for (String name : caches.names()) {
      if (bound.contains(name)) {
        continue;
      }
      TieredCache<?> cache = caches.find(name).orElse(null);
      if (cache == null) {
        continue;
      }
      bind(name, tiers(cache.settings()), sink);
      bound.add(name);
      added.add(name);
    }
    return added;
  }

  private void bind(String cache, List<String> tiers, GaugeSink sink) {
    for (Figure f : FIGURES) {
      String name = PREFIX + f.name();
      if (f.tier() != null) {
        for (String tier : tiers) {
          ToDoubleFunction<TierStats> read = f.tier();
          sink.register(
              name,
              f.description(),
              cache,
              tier,
              () -> known(snapshots.of(cache).flatMap(s -> s.tier(tier)).map(read::applyAsDouble)));
        }
      }
      ToDoubleFunction<CacheStats> read = f.cache();
      sink.register(
          name,
          f.description(),
          cache,
          ALL_TIERS,
          () -> known(snapshots.of(cache).map(read::applyAsDouble)));
    }
  }

  private static Number known(java.util.Optional<Double> value) {
    double v = value.orElse(Double.NaN);
    return v < 0 ? Double.NaN : v;
  }

  private static List<String> tiers(CacheSettings s) {
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
