package io.stratacache.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums the members' statistics into the cluster's. Counters (requests, hits, misses, loads, puts,
 * evictions, errors, warm-up requests, …) add up; rates and means are recomputed from the sums; per
 * tier, the near and grid tiers' sizes and bytes add up (each member reports its own near map and
 * its owned share of the grid), while the store's are taken from one member (every member counts
 * the same table); a tier's breaker state is the worst member's (open, then half-open); figures a
 * member reports as unknown (-1, its breaker open) are left out of the sums. Coherence: events and
 * gap flushes add up, staleness figures are the members' largest. Stateless.
 */
public final class ClusterStats {
  private ClusterStats() {}

  /** Each cache's cluster figures, sorted by name, over every member that has the cache. */
  public static List<CacheStats> sum(List<MemberStats> members) {
    Map<String, List<CacheStats>> byCache = new TreeMap<>();
    for (MemberStats m : members) {
      for (CacheStats s : m.caches()) {
        byCache.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s);
      }
    }
    List<CacheStats> all = new ArrayList<>();
    byCache.forEach((name, list) -> all.add(sum(name, list)));
    return all;
  }

  /** One cache's figures summed over {@code members} (at least one). */
  public static CacheStats sum(String name, List<CacheStats> members) {
    if (members.size() == 1) {
      return members.get(0);
    }
    Map<String, List<TierStats>> byTier = new LinkedHashMap<>();
    long requests = 0, hits = 0, stale = 0, misses = 0, negative = 0, puts = 0;
    long loads = 0, failures = 0, nanos = 0, refreshes = 0, errors = 0;
    long waits = 0, served = 0, timeouts = 0, warmup = 0;
    double ratio = 0;
    List<WriteBehindStats> behind = new ArrayList<>();
    List<CoherenceStats> coherence = new ArrayList<>();
    for (CacheStats s : members) {
      requests += s.requests();
      hits += s.hits();
      stale += s.staleHits();
      misses += s.misses();
      negative += s.negativeHits();
      puts += s.puts();
      loads += s.loads();
      failures += s.loadFailures();
      nanos += s.totalLoadTimeNanos();
      refreshes += s.refreshes();
      errors += s.errors();
      waits += s.remoteLoadWaits();
      served += s.remoteLoadsServed();
      timeouts += s.remoteLoadTimeouts();
      warmup += s.warmupRequests();
      ratio = Math.max(ratio, s.compressionRatio());
      behind.add(s.writeBehind());
      coherence.add(s.coherence());
      for (TierStats t : s.tiers()) {
        byTier.computeIfAbsent(t.tier(), n -> new ArrayList<>()).add(t);
      }
    }
    List<TierStats> tiers = new ArrayList<>();
    long evictions = 0, expirations = 0, size = 0, bytes = 0;
    for (Map.Entry<String, List<TierStats>> e : byTier.entrySet()) {
      TierStats t = tier(e.getKey(), e.getValue());
      tiers.add(t);
      evictions += Math.max(0, t.evictions());
      expirations += Math.max(0, t.expirations());
      size = Math.max(size, t.size());
      bytes += Math.max(0, t.bytes());
    }
    return new CacheStats(
        name,
        requests,
        hits,
        stale,
        misses,
        requests == 0 ? 0 : (double) (hits + stale) / requests,
        negative,
        puts,
        evictions,
        expirations,
        loads,
        failures,
        nanos,
        loads + failures == 0 ? 0 : nanos / 1e6 / (loads + failures),
        refreshes,
        size,
        bytes,
        ratio,
        errors,
        tiers,
        writeBehind(behind),
        coherence(coherence),
        waits,
        served,
        timeouts,
        warmup);
  }

  private static TierStats tier(String name, List<TierStats> members) {
    boolean shared = name.equals("store");
    long requests = 0, hits = 0, misses = 0, puts = 0, evictions = 0, expirations = 0;
    long size = -1, bytes = -1, errors = 0, timeouts = 0, shortCircuits = 0, opens = 0;
    double ratio = 0;
    BreakerState state = BreakerState.CLOSED;
    String reason = null;
    for (TierStats t : members) {
      requests += t.requests();
      hits += t.hits();
      misses += t.misses();
      puts += t.puts();
      evictions += Math.max(0, t.evictions());
      expirations += Math.max(0, t.expirations());
      if (t.size() >= 0) {
        size = shared ? Math.max(size, t.size()) : Math.max(0, size) + t.size();
      }
      if (t.bytes() >= 0) {
        bytes = shared ? Math.max(bytes, t.bytes()) : Math.max(0, bytes) + t.bytes();
      }
      errors += t.errors();
      timeouts += t.timeouts();
      shortCircuits += t.shortCircuits();
      opens += t.breakerOpens();
      ratio = Math.max(ratio, t.compressionRatio());
      if (rank(t.state()) > rank(state)) {
        state = t.state();
        reason = t.stateReason();
      }
    }
    return new TierStats(
        name,
        requests,
        hits,
        misses,
        requests == 0 ? 0 : (double) hits / requests,
        puts,
        evictions,
        expirations,
        size,
        bytes,
        ratio,
        errors,
        state,
        reason,
        timeouts,
        shortCircuits,
        opens);
  }

  /** Worse is larger: closed, half-open, open. */
  static int rank(BreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  private static WriteBehindStats writeBehind(List<WriteBehindStats> all) {
    long q = 0, w = 0, c = 0, r = 0, f = 0, b = 0, t = 0;
    for (WriteBehindStats s : all) {
      q += s.queued();
      w += s.written();
      c += s.coalesced();
      r += s.retries();
      f += s.failed();
      b += s.backPressureWaits();
      t += s.writtenThrough();
    }
    return new WriteBehindStats(q, w, c, r, f, b, t);
  }

  private static CoherenceStats coherence(List<CoherenceStats> all) {
    long received = 0, gaps = 0, last = -1, max = -1, p50 = -1, p99 = -1;
    for (CoherenceStats s : all) {
      received += s.received();
      gaps += s.gapFlushes();
      last = Math.max(last, s.lastStalenessMillis());
      max = Math.max(max, s.maxStalenessMillis());
      p50 = Math.max(p50, s.p50StalenessMillis());
      p99 = Math.max(p99, s.p99StalenessMillis());
    }
    return new CoherenceStats(received, gaps, last, max, p50, p99);
  }
}
