package io.stratacache.monitoring.suggestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.BreakerState;
import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.CacheStats;
import io.stratacache.cache.CoherenceStats;
import io.stratacache.cache.TierStats;
import io.stratacache.cache.WriteBehindStats;
import io.stratacache.monitoring.CacheWindow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each suggestion rule: when it fires, what it proposes, its evidence; and when it stays quiet. */
class SuggestionsTest {

  final Suggestions suggestions = new Suggestions(100);

  final CacheSettings settings =
      CacheSettings.builder("brand-stats")
          .nearTtl(Duration.ofMinutes(5))
          .gridTtl(Duration.ofMinutes(30))
          .nearMaxEntries(1000)
          .build();

  static CacheWindow window(
      long requests,
      long hits,
      long evictions,
      long expirations,
      long puts,
      long loads,
      double loadMs) {
    return new CacheWindow(
        "brand-stats",
        3600,
        requests,
        hits,
        requests - hits,
        puts,
        evictions,
        expirations,
        loads,
        requests,
        1,
        puts,
        1,
        loadMs);
  }

  static TierStats tier(String name, long opens, long errors, long timeouts) {
    return new TierStats(
        name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, errors, BreakerState.CLOSED, "", timeouts, 0, opens);
  }

  static CacheStats stats(TierStats... tiers) {
    return new CacheStats(
        "brand-stats",
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        4096,
        1,
        0,
        List.of(tiers),
        WriteBehindStats.NONE,
        CoherenceStats.NONE,
        0,
        0,
        0,
        0);
  }

  List<Suggestion> derive(CacheSettings s, CacheWindow w, CacheStats st) {
    return suggestions.derive(List.of(new Suggestions.Figures(s, w, st)));
  }

  List<String> rules(List<Suggestion> list) {
    return list.stream().map(Suggestion::rule).toList();
  }

  @Test
  void ttlTooShort_lowHitRateAndManyExpirations_doublesTheTtls() {
    List<Suggestion> out = derive(settings, window(1000, 400, 10, 500, 0, 0, 0), stats());
    assertEquals(List.of("ttl_too_short"), rules(out));
    Suggestion s = out.get(0);
    assertEquals("brand-stats", s.cache());
    assertEquals(
        "Lengthen the TTL of brand-stats: cache.brand-stats.near.ttl from 5m to 10m,"
            + " cache.brand-stats.grid.ttl from 30m to 1h (if the data may be that old).",
        s.action());
    assertEquals(0.4, s.evidence().get("hitRate"));
    assertEquals(500L, s.evidence().get("expirations"));
    assertEquals("5m", s.evidence().get("nearTtl"));
  }

  @Test
  void nearTooSmall_lowHitRateAndManyEvictions_doublesTheNearSize() {
    List<Suggestion> out = derive(settings, window(1000, 400, 500, 10, 0, 0, 0), stats());
    assertEquals(List.of("near_too_small"), rules(out));
    assertTrue(
        out.get(0).action().contains("cache.brand-stats.near.max-entries from 1000 to 2000"));
    assertEquals(500L, out.get(0).evidence().get("evictions"));
    CacheSettings bytes = settings.toBuilder().nearMaxEntries(0).nearMaxBytes(1 << 20).build();
    assertTrue(
        derive(bytes, window(1000, 400, 500, 10, 0, 0, 0), stats())
            .get(0)
            .action()
            .contains("near.max-bytes from 1048576 to 2097152"));
  }

  @Test
  void hitRateRules_needEnoughRequests_andALowHitRate() {
    assertTrue(derive(settings, window(99, 0, 50, 50, 0, 0, 0), stats()).isEmpty(), "too few");
    assertTrue(derive(settings, window(1000, 800, 500, 500, 0, 0, 0), stats()).isEmpty(), "fine");
    assertTrue(
        derive(settings, window(1000, 400, 0, 0, 0, 0, 0), stats()).isEmpty(),
        "misses of never-seen keys: neither TTL nor size would help");
  }

  @Test
  void breakerFlapping_pointsAtTheTier_andAtItsTimeoutWhenTimeoutsDominate() {
    List<Suggestion> out =
        derive(
            settings,
            window(10, 10, 0, 0, 0, 0, 0),
            stats(tier("near", 0, 0, 0), tier("grid", 3, 10, 8), tier("store", 2, 5, 0)));
    assertEquals(List.of("breaker_flapping"), rules(out));
    Suggestion s = out.get(0);
    assertEquals("grid", s.evidence().get("tier"));
    assertEquals(3L, s.evidence().get("breakerOpens"));
    assertTrue(s.action().startsWith("Look at the Hazelcast grid"), s.action());
    assertTrue(s.action().contains("cache.brand-stats.grid.timeout from"), s.action());
  }

  @Test
  void slowLoads_withoutStaleServing_suggestsStaleWhileRevalidate() {
    List<Suggestion> out = derive(settings, window(50, 40, 0, 0, 0, 10, 450), stats());
    assertEquals(List.of("slow_loads"), rules(out));
    assertTrue(
        out.get(0).action().contains("cache.brand-stats.stale-while-revalidate to 150s"),
        out.get(0).action());
    assertEquals(450.0, out.get(0).evidence().get("loadAvgMillis"));
    CacheSettings swr = settings.toBuilder().staleWhileRevalidate(Duration.ofMinutes(1)).build();
    assertTrue(derive(swr, window(50, 40, 0, 0, 0, 10, 450), stats()).isEmpty(), "already on");
    assertTrue(derive(settings, window(50, 40, 0, 0, 0, 9, 450), stats()).isEmpty(), "few loads");
  }

  @Test
  void writeOnly_manyPutsFewReads() {
    List<Suggestion> out = derive(settings, window(5, 5, 0, 0, 200, 0, 0), stats());
    assertEquals(List.of("write_only"), rules(out));
    assertEquals(200L, out.get(0).evidence().get("puts"));
    assertTrue(derive(settings, window(20, 20, 0, 0, 200, 0, 0), stats()).isEmpty());
  }
}
