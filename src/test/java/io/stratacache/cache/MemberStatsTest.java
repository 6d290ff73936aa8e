package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheFixture.Brand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Members publish their statistics on a shared board; the cluster's are their sums. */
class MemberStatsTest {
  private final Map<String, byte[]> shared = new ConcurrentHashMap<>();
  private final MemberBoard board =
      new MemberBoard() {
        @Override
        public void publish(String member, byte[] note, Duration ttl) {
          shared.put(member, note);
        }

        @Override
        public Map<String, byte[]> notes() {
          return Map.copyOf(shared);
        }
      };
  private final FakeClock clock = new FakeClock();
  private final TieredCaches a = registry("A");
  private final TieredCaches b = registry("B");

  private TieredCaches registry(String id) {
    return TieredCaches.builder()
        .clock(clock)
        .near(io.stratacache.cache.tier.near.CaffeineNearTier.factory())
        .memberBoard(board)
        .instanceId(id)
        .build();
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  private TieredCache<Brand> cache(TieredCaches caches) {
    return caches.cache(
        CacheSettings.builder("brands").tiers(true, false, false).ttlJitter(0).build(),
        Brand.class);
  }

  @Test
  void memberStats_everyMemberListedAndSummed() {
    TieredCache<Brand> onA = cache(a);
    TieredCache<Brand> onB = cache(b);
    onA.get("x", key -> brand(key)); // miss
    onA.get("x", key -> brand(key)); // hit
    onB.get("y", key -> brand(key)); // miss
    b.publishMemberStats();

    List<MemberStats> members = a.memberStats();
    assertEquals(List.of("A", "B"), members.stream().map(MemberStats::member).toList());
    CacheStats cluster = ClusterStats.sum(members).get(0);
    assertEquals(3, cluster.requests());
    assertEquals(1, cluster.hits());
    assertEquals(2, cluster.misses());
    assertEquals(1.0 / 3, cluster.hitRate(), 1e-9);
    assertEquals(2, cluster.tier("near").orElseThrow().size(), "near copies of both members");
  }

  @Test
  void memberStats_unreadableNoteSkipped_failingBoardLeavesThisMember() {
    shared.put("Z", new byte[] {1, 2, 3});
    assertEquals(List.of("A"), a.memberStats().stream().map(MemberStats::member).toList());
    TieredCaches lonely =
        TieredCaches.builder()
            .clock(clock)
            .memberBoard(
                new MemberBoard() {
                  @Override
                  public void publish(String member, byte[] note, Duration ttl) {
                    throw new IllegalStateException("grid down");
                  }

                  @Override
                  public Map<String, byte[]> notes() {
                    throw new IllegalStateException("grid down");
                  }
                })
            .instanceId("L")
            .build();
    try {
      assertEquals(List.of("L"), lonely.memberStats().stream().map(MemberStats::member).toList());
    } finally {
      lonely.close();
    }
  }

  @Test
  void sum_storeCountedOnceNearAndGridAddedWorstBreakerWins() {
    TierStats near1 = tier("near", 10, BreakerState.CLOSED);
    TierStats near2 = tier("near", 5, BreakerState.CLOSED);
    TierStats store1 = tier("store", 100, BreakerState.CLOSED);
    TierStats store2 = tier("store", 100, BreakerState.OPEN);
    CacheStats s =
        ClusterStats.sum(
            "c", List.of(stats(List.of(near1, store1)), stats(List.of(near2, store2))));
    assertEquals(15, s.tier("near").orElseThrow().size());
    assertEquals(100, s.tier("store").orElseThrow().size(), "one table, counted once");
    assertEquals(BreakerState.OPEN, s.tier("store").orElseThrow().state());
    assertEquals(8, s.requests());
    assertEquals(2, s.warmupRequests());
    assertTrue(s.size() >= 100);
  }

  private static TierStats tier(String name, long size, BreakerState state) {
    return new TierStats(
        name, 4, 2, 2, 0.5, 1, 0, 0, size, size * 10, 1.0, 0, state, null, 0, 0, 0);
  }

  private static CacheStats stats(List<TierStats> tiers) {
    return new CacheStats(
        "c",
        4,
        2,
        0,
        2,
        0.5,
        0,
        1,
        0,
        0,
        2,
        0,
        1_000_000,
        0.5,
        0,
        0,
        0,
        1.0,
        0,
        tiers,
        WriteBehindStats.NONE,
        CoherenceStats.NONE,
        0,
        0,
        0,
        1);
  }
}
