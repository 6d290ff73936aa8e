package io.stratacache.monitoring.suggestion;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.CacheStats;
import io.stratacache.cache.TierStats;
import io.stratacache.monitoring.CacheWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tuning suggestions derived from each cache's figures over the last hour (since start if younger)
 * and its settings. Each rule and its trigger:
 *
 * <ul>
 *   <li>{@code ttl_too_short}: hit rate below {@value #LOW_HIT_RATE} over at least {@code
 *       minRequests} requests, and expirations at least a quarter of the misses (and more than the
 *       evictions): entries die of age before they are read again → double the TTLs.
 *   <li>{@code near_too_small}: the same low hit rate, and evictions at least a quarter of the
 *       misses (and more than the expirations): the near tier is too small for the working set →
 *       double its size.
 *   <li>{@code breaker_flapping}: a remote tier's circuit breaker opened {@value #FLAPPING_OPENS}
 *       times or more since start → look at that grid or database.
 *   <li>{@code slow_loads}: at least {@value #MIN_LOADS} loads averaging {@value #SLOW_LOAD_MILLIS}
 *       ms or more while neither refresh-ahead nor stale-while-revalidate is on → let callers get
 *       the old value while a reload runs.
 *   <li>{@code write_only}: at least {@value #MIN_PUTS} puts and fewer reads than a tenth of them →
 *       the cache costs memory and writes for little; shorten its TTLs or stop caching there.
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class Suggestions {

  static final double LOW_HIT_RATE = 0.7;
  static final int FLAPPING_OPENS = 3;
  static final int MIN_LOADS = 10;
  static final double SLOW_LOAD_MILLIS = 200;
  static final int MIN_PUTS = 100;

  /** The window of the figures suggestions read. */
  static final Duration WINDOW = Duration.ofHours(1);

  /** What one cache shows: its settings, its last hour, its statistics since start. */
  record Figures(CacheSettings settings, CacheWindow window, CacheStats stats) {}

  private final int minRequests;

  /**
   * @param minRequests requests a hit-rate judgement needs (as for the alert rules)
   */
  Suggestions(int minRequests) {
    this.minRequests = minRequests;
  }

  /** The suggestions for these caches, cache by cache in the given order. */
  List<Suggestion> derive(List<Figures> caches) {
    List<Suggestion> out = new ArrayList<>();
    for (Figures f : caches) {
      derive(f, out);
    }
    return out;
  }

  private void derive(Figures f, List<Suggestion> out) {
    CacheSettings s = f.settings();
    CacheWindow w = f.window();
    String cache = s.name();
    boolean lowHitRate = w.requests() >= minRequests && w.hitRate() < LOW_HIT_RATE;
    if (lowHitRate
        && w.expirations() * 4 >= w.misses()
        && w.expirations() > 0
        && w.expirations() >= w.evictions()) {
      Map<String, Object> e = evidence(w);
      e.put("expirations", w.expirations());
      e.put("evictions", w.evictions());
      List<String> changes = new ArrayList<>();
      if (s.nearEnabled()) {
        e.put("nearTtl", text(s.nearTtl()));
        changes.add(change(cache, "near.ttl", s.nearTtl(), s.nearTtl().multipliedBy(2)));
      }
      if (s.gridEnabled()) {
        e.put("gridTtl", text(s.gridTtl()));
        changes.add(change(cache, "grid.ttl", s.gridTtl(), s.gridTtl().multipliedBy(2)));
      }
      if (s.storeEnabled() && !s.nearEnabled() && !s.gridEnabled()) {
        e.put("storeTtl", text(s.storeTtl()));
        changes.add(change(cache, "store.ttl", s.storeTtl(), s.storeTtl().multipliedBy(2)));
      }
      out.add(
          new Suggestion(
              cache,
              "ttl_too_short",
              "Entries of " + cache + " expire before they are read again",
              "Lengthen the TTL of "
                  + cache
                  + ": "
                  + String.join(", ", changes)
                  + " (if the data may be that old).",
              e));
    }
    if (lowHitRate
        && s.nearEnabled()
        && w.evictions() * 4 >= w.misses()
        && w.evictions() > 0
        && w.evictions() > w.expirations()) {
      Map<String, Object> e = evidence(w);
      e.put("evictions", w.evictions());
      e.put("expirations", w.expirations());
      String action;
      if (s.nearMaxBytes() > 0) {
        e.put("nearMaxBytes", s.nearMaxBytes());
        action =
            "Enlarge the near tier of "
                + cache
                + ": cache."
                + cache
                + ".near.max-bytes from "
                + s.nearMaxBytes()
                + " to "
                + s.nearMaxBytes() * 2
                + " (watch the heap).";
      } else {
        e.put("nearMaxEntries", s.nearMaxEntries());
        action =
            "Enlarge the near tier of "
                + cache
                + ": cache."
                + cache
                + ".near.max-entries from "
                + s.nearMaxEntries()
                + " to "
                + s.nearMaxEntries() * 2
                + " (watch the heap).";
      }
      out.add(
          new Suggestion(
              cache,
              "near_too_small",
              "The near tier of " + cache + " evicts entries that are read again",
              action,
              e));
    }
    for (TierStats t : f.stats().tiers()) {
      if (!t.tier().equals("near") && t.breakerOpens() >= FLAPPING_OPENS) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("tier", t.tier());
        e.put("breakerOpens", t.breakerOpens());
        e.put("state", t.state().name());
        e.put("errors", t.errors());
        e.put("timeouts", t.timeouts());
        if (!t.stateReason().isEmpty()) {
          e.put("reason", t.stateReason());
        }
        String what = t.tier().equals("grid") ? "the Hazelcast grid" : "the database";
        Duration timeout = t.tier().equals("grid") ? s.gridTimeout() : s.storeTimeout();
        out.add(
            new Suggestion(
                cache,
                "breaker_flapping",
                "The " + t.tier() + " tier of " + cache + " keeps failing",
                "Look at "
                    + what
                    + " (member health, network, load, the logs around the breaker openings);"
                    + (t.timeouts() * 2 >= t.errors() && t.timeouts() > 0
                        ? " most failures are timeouts: if the tier is merely slow, raise cache."
                            + cache
                            + "."
                            + t.tier()
                            + ".timeout from "
                            + text(timeout)
                            + " to "
                            + text(timeout.multipliedBy(2))
                            + "."
                        : " requests are served meanwhile by the other tiers and the source."),
                e));
      }
    }
    long loads = w.loads();
    if (loads >= MIN_LOADS
        && w.loadMeanMillis() >= SLOW_LOAD_MILLIS
        && s.refreshAhead().isZero()
        && s.staleWhileRevalidate().isZero()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("loads", loads);
      e.put("loadAvgMillis", round(w.loadMeanMillis()));
      e.put("refreshAhead", text(s.refreshAhead()));
      e.put("staleWhileRevalidate", text(s.staleWhileRevalidate()));
      Duration ttl = s.nearEnabled() ? s.nearTtl() : s.gridEnabled() ? s.gridTtl() : s.storeTtl();
      out.add(
          new Suggestion(
              cache,
              "slow_loads",
              "Misses of " + cache + " wait " + Math.round(w.loadMeanMillis()) + " ms for a load",
              "Serve the old value while reloading: set cache."
                  + cache
                  + ".stale-while-revalidate to "
                  + text(ttl.dividedBy(2))
                  + " (or cache."
                  + cache
                  + ".refresh-ahead to "
                  + text(ttl.multipliedBy(4).dividedBy(5))
                  + " for keys read often).",
              e));
    }
    if (w.puts() >= MIN_PUTS && w.requests() * 10 < w.puts()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("puts", w.puts());
      e.put("requests", w.requests());
      e.put("bytes", f.stats().bytes());
      out.add(
          new Suggestion(
              cache,
              "write_only",
              cache + " is written far more often than it is read",
              "Check that "
                  + cache
                  + " is worth caching: "
                  + w.puts()
                  + " puts for "
                  + w.requests()
                  + " reads in the last "
                  + Math.max(1, w.seconds() / 60)
                  + " min; shorten its TTLs or stop writing values nobody reads.",
              e));
    }
  }

  private static Map<String, Object> evidence(CacheWindow w) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("hitRate", round(w.hitRate()));
    e.put("requests", w.requests());
    e.put("misses", w.misses());
    e.put("windowSeconds", w.seconds());
    return e;
  }

  private static String change(String cache, String key, Duration from, Duration to) {
    return "cache." + cache + "." + key + " from " + text(from) + " to " + text(to);
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** A duration as the configuration writes it: {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}. */
  static String text(Duration d) {
    long s = d.toSeconds();
    if (d.isZero()) {
      return "0s";
    }
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return String.format(Locale.ROOT, "%ds", s);
  }
}
