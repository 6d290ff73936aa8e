package io.stratacache.monitoring.alert;

import io.stratacache.cache.TierStatus;
import io.stratacache.monitoring.CacheWindow;
import io.stratacache.monitoring.trend.MemberWindow;
import io.stratacache.warmup.WarmupRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Observations} of the whole cluster for one alert evaluation: this instance's live windows
 * ({@code local}, exact up to now) plus what every other member did in the window, read from their
 * rows of the trend history ({@code others}; the minutes of theirs that ended inside the window, so
 * at most their last, unfinished minute is missing).
 *
 * <ul>
 *   <li>{@link #window}: requests, hits, misses and timed calls summed over the members, latency
 *       means weighted by calls; puts, evictions, expirations, loads and the load mean are this
 *       instance's only (the trend rows do not hold them), and {@code seconds} is this instance's
 *       window;
 *   <li>{@link #memberWindows}: this instance's window and one per other member, so latency rules
 *       can judge the worst member;
 *   <li>caches, near bytes, degraded tiers, warm-up runs: as {@code local} sees them (near bytes
 *       and breakers are per member; this instance's caches are the configured ones).
 * </ul>
 *
 * If the other members' rows cannot be read, the figures are this instance's alone and a warning is
 * logged once per evaluation. Made for one evaluation (it keeps the rows it read per window); not
 * thread-safe.
 */
final class ClusterObservations implements Observations {

  private static final Logger LOG = Logger.getLogger(ClusterObservations.class.getName());

  private final Observations local;
  private final Function<Duration, List<MemberWindow>> others;
  private final Map<Duration, Map<String, List<MemberWindow>>> read = new HashMap<>();
  private boolean warned;

  /**
   * @param local this instance's observations
   * @param others what the other members did in a window (never this instance); may throw
   */
  ClusterObservations(Observations local, Function<Duration, List<MemberWindow>> others) {
    this.local = Objects.requireNonNull(local, "local");
    this.others = Objects.requireNonNull(others, "others");
  }

  @Override
  public SortedSet<String> caches() {
    return local.caches();
  }

  @Override
  public Optional<CacheWindow> window(String cache, Duration window) {
    Optional<CacheWindow> mine = local.window(cache, window);
    if (mine.isEmpty()) {
      return mine;
    }
    CacheWindow w = mine.get();
    long requests = w.requests();
    long hits = w.hits();
    long misses = w.misses();
    long gets = w.gets();
    double getMillis = w.getMeanMillis() * w.gets();
    long timedPuts = w.timedPuts();
    double putMillis = w.putMeanMillis() * w.timedPuts();
    for (MemberWindow m : others(cache, window)) {
      requests += m.requests();
      hits += m.hits();
      misses += m.misses();
      gets += m.gets();
      getMillis += m.getMillis();
      timedPuts += m.puts();
      putMillis += m.putMillis();
    }
    return Optional.of(
        new CacheWindow(
            cache,
            w.seconds(),
            requests,
            hits,
            misses,
            w.puts(),
            w.evictions(),
            w.expirations(),
            w.loads(),
            gets,
            gets <= 0 ? 0 : getMillis / gets,
            timedPuts,
            timedPuts <= 0 ? 0 : putMillis / timedPuts,
            w.loadMeanMillis()));
  }

  @Override
  public List<CacheWindow> memberWindows(String cache, Duration window) {
    Optional<CacheWindow> mine = local.window(cache, window);
    if (mine.isEmpty()) {
      return List.of();
    }
    List<CacheWindow> members = new ArrayList<>();
    members.add(mine.get());
    for (MemberWindow m : others(cache, window)) {
      members.add(
          new CacheWindow(
              cache,
              m.minutes() * 60L,
              m.requests(),
              m.hits(),
              m.misses(),
              0,
              0,
              0,
              0,
              m.gets(),
              m.getMeanMillis(),
              m.puts(),
              m.putMeanMillis(),
              0));
    }
    return members;
  }

  @Override
  public long nearBytes(String cache) {
    return local.nearBytes(cache);
  }

  @Override
  public List<TierStatus> degradedTiers(String cache) {
    return local.degradedTiers(cache);
  }

  @Override
  public Optional<WarmupRun> lastWarmupRun() {
    return local.lastWarmupRun();
  }

  private List<MemberWindow> others(String cache, Duration window) {
    return read.computeIfAbsent(window, this::byCache).getOrDefault(cache, List.of());
  }

  private Map<String, List<MemberWindow>> byCache(Duration window) {
    Map<String, List<MemberWindow>> byCache = new HashMap<>();
    try {
      for (MemberWindow m : others.apply(window)) {
        byCache.computeIfAbsent(m.cache(), k -> new ArrayList<>()).add(m);
      }
    } catch (RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.log(
            Level.WARNING,
            "Alert evaluation judges this instance alone: the other members'' figures could not be"
                + " read: {0}",
            e.toString());
      }
      return Map.of();
    }
    return byCache;
  }
}
