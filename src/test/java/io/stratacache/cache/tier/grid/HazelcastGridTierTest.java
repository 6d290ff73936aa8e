package io.stratacache.cache.tier.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stratacache.cache.EmbeddedHazelcast;
import io.stratacache.cache.FakeClock;
import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.TierEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The grid tier on a real embedded Hazelcast member (127.0.0.1, no join). */
@ExtendWith(EmbeddedHazelcast.class)
class HazelcastGridTierTest {
  private static final AtomicInteger CACHES = new AtomicInteger();
  private static HazelcastInstance hazelcast;
  private final FakeClock clock = new FakeClock();
  private String cacheName;
  private HazelcastGridTier tier;

  @BeforeAll
  static void member(HazelcastInstance instance) {
    hazelcast = instance;
  }

  @BeforeEach
  void newCache() {
    cacheName = "grid-test-" + CACHES.incrementAndGet();
    tier = (HazelcastGridTier) HazelcastGridTier.factory(hazelcast).create(cacheName, clock);
  }

  private TierEntry<byte[]> entry(String value, long retainMillis, String... tags) {
    long now = clock.millis();
    byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    return new TierEntry<>(
        bytes,
        now + retainMillis / 2,
        now + retainMillis,
        42,
        Set.of(tags),
        bytes == null ? 0 : bytes.length);
  }

  private IMap<String, byte[]> map() {
    return hazelcast.getMap(HazelcastGridTier.MAP_PREFIX + cacheName);
  }

  @Test
  void putAllGetAllRemoveAll_batchWithOwnTtls() {
    java.util.Map<String, TierEntry<byte[]>> batch = new java.util.HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      batch.put("k" + i, entry("v" + i, 60_000, i % 2 == 0 ? "even" : "odd"));
    }
    batch.put("dead", entry("x", -1));
    tier.putAll(batch);
    assertEquals(1_000, map().size());
    java.util.List<String> keys = new java.util.ArrayList<>(batch.keySet());
    keys.add("never");
    java.util.Map<String, TierEntry<byte[]>> read = tier.getAll(keys, clock.millis());
    assertEquals(1_000, read.size());
    assertArrayEquals("v9".getBytes(StandardCharsets.UTF_8), read.get("k9").payload());
    assertEquals(Set.of("odd"), read.get("k9").tags());
    assertTrue(map().getEntryView("k9").getTtl() > 0, "each entry keeps its own TTL");
    assertEquals(0, tier.getAll(keys, clock.millis() + 60_000).size(), "retention honoured");
    assertEquals(500, tier.removeByTag("even"));
    tier.removeAll(java.util.List.of("k1", "k3", "never"));
    assertEquals(498, map().size());
  }

  @Test
  void putGet_roundTripOfEveryField() {
    TierEntry<byte[]> written = entry("value", 60_000, "top", "région");
    tier.put("k", written);
    TierEntry<byte[]> read = tier.get("k", clock.millis());
    assertArrayEquals(written.payload(), read.payload());
    assertEquals(written.expiresAt(), read.expiresAt());
    assertEquals(written.retainUntil(), read.retainUntil());
    assertEquals(42, read.version());
    assertEquals(Set.of("top", "région"), read.tags());
    assertEquals(5, read.weight());
  }

  @Test
  void putGet_notFoundSentinel() {
    tier.put("missing", entry(null, 60_000));
    TierEntry<byte[]> read = tier.get("missing", clock.millis());
    assertTrue(read.isNegative());
  }

  @Test
  void put_hazelcastTtlIsTheRetention() {
    tier.put("k", entry("v", 90_000));
    long ttl = map().getEntryView("k").getTtl();
    assertEquals(90_000, ttl);
  }

  @Test
  void get_pastRetentionOnTheInjectedClock_null() {
    tier.put("k", entry("v", 10_000));
    clock.advance(Duration.ofSeconds(10));
    assertNull(tier.get("k", clock.millis()));
  }

  @Test
  void put_pastRetention_removes() {
    tier.put("k", entry("v", 10_000));
    long now = clock.millis();
    tier.put("k", new TierEntry<>(new byte[] {1}, now - 2, now - 1, 1, Set.of(), 1));
    assertNull(map().get("k"));
  }

  @Test
  void removeByTag_removesTaggedEntriesOnly() {
    tier.put("brand:1", entry("a", 60_000, "top"));
    tier.put("brand:2", entry("b", 60_000, "top", "new"));
    tier.put("brand:3", entry("c", 60_000, "topical"));
    assertEquals(2, tier.removeByTag("top"));
    assertNull(tier.get("brand:1", clock.millis()));
    assertNull(tier.get("brand:2", clock.millis()));
    assertNotNull(tier.get("brand:3", clock.millis()));
    assertEquals(0, tier.removeByTag("top"), "the tag index was cleaned");
  }

  /**
   * A put racing an invalidation of its tag may survive it, but never loses its index entry: the
   * next invalidation of the tag removes it. Bounded: 300 rounds, each a put and a removal started
   * together on two threads; the old order (entries removed, then every index entry of the tag)
   * left an unreachable entry within a few dozen rounds on a 2-core machine.
   */
  @Test
  void removeByTag_racingPut_entryStaysReachableByTheTag() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 300; round++) {
        String key = "raced-" + round;
        tier.put("warm-" + round, entry("old", 60_000, "brand:x"));
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.Future<?> put =
            pool.submit(
                () -> {
                  start.await(5, java.util.concurrent.TimeUnit.SECONDS);
                  tier.put(key, entry("v", 60_000, "brand:x"));
                  return null;
                });
        java.util.concurrent.Future<?> remove =
            pool.submit(
                () -> {
                  start.await(5, java.util.concurrent.TimeUnit.SECONDS);
                  tier.removeByTag("brand:x");
                  return null;
                });
        put.get(10, java.util.concurrent.TimeUnit.SECONDS);
        remove.get(10, java.util.concurrent.TimeUnit.SECONDS);
        tier.removeByTag("brand:x");
        assertNull(
            tier.get(key, clock.millis()), "round " + round + ": the entry lost its tag index");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void removeByPattern_regexSafe() {
    tier.put("brand:1", entry("a", 60_000));
    tier.put("brand:2", entry("a", 60_000));
    tier.put("brand.x", entry("a", 60_000));
    tier.put("store:1", entry("a", 60_000));
    tier.removeByPattern(KeyPattern.glob("brand:*"));
    assertNull(tier.get("brand:1", clock.millis()));
    assertNull(tier.get("brand:2", clock.millis()));
    assertNotNull(tier.get("brand.x", clock.millis()));
    assertNotNull(tier.get("store:1", clock.millis()));
  }

  @Test
  void removeAndClear() {
    tier.put("a", entry("a", 60_000, "t"));
    tier.put("b", entry("b", 60_000));
    tier.remove("a");
    assertNull(tier.get("a", clock.millis()));
    tier.clear();
    assertNull(tier.get("b", clock.millis()));
    assertEquals(0, hazelcast.getMap(HazelcastGridTier.MAP_PREFIX + cacheName + ".tags").size());
  }

  @Test
  void metrics_ownedEntriesAndBytes() {
    tier.put("a", entry("a".repeat(1000), 60_000));
    tier.put("b", entry("b", 60_000));
    assertEquals(2, tier.metrics().size());
    assertTrue(tier.metrics().bytes() > 1000);
  }

  private static final int KIB = 1024;

  /** Writes {@code count} entries of 8 KiB of random (incompressible) bytes. */
  private void fill(HazelcastGridTier target, int count) {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < count; i++) {
      byte[] body = new byte[8 * KIB];
      random.nextBytes(body);
      long now = clock.millis();
      target.put("k" + i, new TierEntry<>(body, now + 60_000, now + 120_000, 1, Set.of(), 8 * KIB));
    }
  }

  @Test
  void maxBytes_boundHolds_leastRecentlyUsedEvicted() {
    HazelcastGridTier bounded =
        (HazelcastGridTier)
            HazelcastGridTier.factory(hazelcast).create(cacheName + "-bounded", clock, 1_000_000);
    IMap<String, byte[]> map =
        hazelcast.getMap(HazelcastGridTier.MAP_PREFIX + cacheName + "-bounded");
    fill(bounded, 400); // about 3.2 MiB into a 1 MiB (rounded up from 1,000,000 bytes) bound
    long cost = map.getLocalMapStats().getOwnedEntryMemoryCost();
    assertTrue(cost <= GridMapBound.MIB + 16 * KIB, "the bound holds: " + cost + " bytes");
    assertTrue(map.size() < 400 && map.size() > 0, "some evicted, some kept: " + map.size());
    assertTrue(bounded.metrics().evictions() > 0, "evictions counted");
    assertNotNull(bounded.get("k399", clock.millis()), "the newest entry stays");
    assertEquals(
        com.hazelcast.config.MaxSizePolicy.USED_HEAP_SIZE,
        hazelcast.getConfig().getMapConfig(map.getName()).getEvictionConfig().getMaxSizePolicy());
    assertEquals(
        0, hazelcast.getMap(map.getName() + ".tags").getLocalMapStats().getEvictionCount());
  }

  @Test
  void noMaxBytes_ttlOnly_nothingEvicted() {
    fill(tier, 400);
    assertEquals(400, map().size());
    assertTrue(map().getLocalMapStats().getOwnedEntryMemoryCost() > 3 * GridMapBound.MIB);
    assertEquals(0, tier.metrics().evictions());
  }

  @Test
  void maxBytes_sameBoundFromAnotherInstance_accepted_otherBound_refused() {
    String name = HazelcastGridTier.MAP_PREFIX + cacheName + "-twice";
    GridMapBound.apply(hazelcast.getConfig(), name, 2 * GridMapBound.MIB);
    GridMapBound.apply(hazelcast.getConfig(), name, 2 * GridMapBound.MIB);
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> GridMapBound.apply(hazelcast.getConfig(), name, 3 * GridMapBound.MIB));
    assertTrue(refused.getMessage().contains("grid.max-bytes"), refused.getMessage());
  }

  @Test
  void maxBytes_keepsTheWildcardsBackups() {
    hazelcast
        .getConfig()
        .addMapConfig(
            new com.hazelcast.config.MapConfig(HazelcastGridTier.MAP_PREFIX + "backed-*")
                .setBackupCount(2));
    String name = HazelcastGridTier.MAP_PREFIX + "backed-" + cacheName;
    assertEquals(2, GridMapBound.apply(hazelcast.getConfig(), name, 1).getBackupCount());
  }

  @Test
  void megabytes_roundedUp() {
    assertEquals(1, GridMapBound.megabytes(1));
    assertEquals(1, GridMapBound.megabytes(GridMapBound.MIB));
    assertEquals(2, GridMapBound.megabytes(GridMapBound.MIB + 1));
    assertEquals(64, GridMapBound.megabytes(64 * GridMapBound.MIB));
    assertThrows(IllegalArgumentException.class, () -> GridMapBound.megabytes(0));
  }

  @Test
  void create_sameMapTwice_refused() {
    IMap<String, byte[]> entries = map();
    assertThrows(
        IllegalArgumentException.class,
        () -> HazelcastGridTier.create(entries, hazelcast.getMap(entries.getName()), clock));
  }

  private TierEntry<byte[]> versioned(String value, long version) {
    TierEntry<byte[]> e = entry(value, 60_000);
    return new TierEntry<>(
        e.payload(), e.expiresAt(), e.retainUntil(), version, e.tags(), e.weight());
  }

  @Test
  void fence_leavesATombstoneThatIsNeverFresh() {
    tier.put("k", versioned("v", 5));
    tier.fence("k", TierEntry.tombstone(9, clock.millis() + 60_000));
    TierEntry<byte[]> read = tier.get("k", clock.millis());
    assertTrue(read.isTombstone());
    assertFalse(read.isNegative());
    assertFalse(read.isFresh(clock.millis()));
    assertEquals(9, read.version());
  }

  @Test
  void putIfVersion_sawNothing_refusedByATombstoneOrValueWrittenSince() {
    tier.fence("t", TierEntry.tombstone(9, clock.millis() + 60_000));
    assertFalse(tier.putIfVersion("t", versioned("old", 3), 0));
    tier.put("v", versioned("new", 4));
    assertFalse(tier.putIfVersion("v", versioned("old", 3), 0));
    assertTrue(tier.putIfVersion("absent", versioned("fill", 3), 0));
    assertEquals(3, tier.get("absent", clock.millis()).version());
  }

  @Test
  void putIfVersion_sawAVersion_storedOnlyWhileItIsCurrent() {
    tier.fence("k", TierEntry.tombstone(9, clock.millis() + 60_000));
    assertTrue(tier.putIfVersion("k", versioned("fill", 10), 9), "replaces what it saw");
    assertEquals(
        "fill",
        new String(
            tier.get("k", clock.millis()).payload(), java.nio.charset.StandardCharsets.UTF_8));
    assertFalse(tier.putIfVersion("k", versioned("late", 11), 9), "the key moved on");
    tier.fence("k", TierEntry.tombstone(12, clock.millis() + 60_000));
    assertFalse(tier.putIfVersion("k", versioned("late", 13), 10));
    assertTrue(tier.get("k", clock.millis()).isTombstone());
  }

  @Test
  void putIfVersion_deadEntryCountsAsNothing() {
    tier.put("k", entry("old", 1_000));
    clock.advance(java.time.Duration.ofSeconds(5));
    assertTrue(tier.putIfVersion("k", versioned("fill", 20), 0));
    assertEquals(20, tier.get("k", clock.millis()).version());
  }

  /**
   * The batch path sends its compare-and-sets at once; each key must still behave as {@code
   * putIfVersion} alone: absent stored (with its TTL and tag index), tombstoned or live refused,
   * dead replaced, a seen version compared, an expired entry refused.
   */
  @Test
  void putAllIfVersion_everyCaseAsOneByOne() {
    assertTrue(
        map() instanceof com.hazelcast.map.impl.proxy.MapProxyImpl,
        "the batch path (asynchronous putIfAbsent) is the one tested");
    tier.fence("tomb", TierEntry.tombstone(9, clock.millis() + 60_000));
    tier.put("live", versioned("new", 4));
    tier.put("dead", entry("old", 1_000));
    tier.fence("seen", TierEntry.tombstone(7, clock.millis() + 60_000));
    tier.fence("moved", TierEntry.tombstone(8, clock.millis() + 60_000));
    clock.advance(java.time.Duration.ofSeconds(5)); // "dead" is past its retention
    java.util.Map<String, TierEntry<byte[]>> batch = new java.util.HashMap<>();
    for (String k : java.util.List.of("absent", "tomb", "live", "dead", "seen", "moved")) {
      batch.put(k, versioned("fill-" + k, 20));
    }
    long now = clock.millis();
    batch.put(
        "tagged",
        new TierEntry<>(
            "fill-tagged".getBytes(StandardCharsets.UTF_8),
            now + 30_000,
            now + 60_000,
            21,
            Set.of("t1"),
            11));
    batch.put("expired", new TierEntry<>(new byte[] {1}, now - 2, now - 1, 22, Set.of(), 1));

    java.util.Set<String> stored =
        tier.putAllIfVersion(batch, java.util.Map.of("seen", 7L, "moved", 3L));

    assertEquals(java.util.Set.of("absent", "dead", "seen", "tagged"), stored);
    assertEquals(20, tier.get("absent", clock.millis()).version());
    assertEquals(20, tier.get("dead", clock.millis()).version(), "a dead entry is replaced");
    assertEquals(20, tier.get("seen", clock.millis()).version(), "what it saw is replaced");
    assertTrue(tier.get("tomb", clock.millis()).isTombstone());
    assertEquals(4, tier.get("live", clock.millis()).version());
    assertTrue(tier.get("moved", clock.millis()).isTombstone(), "the key moved on");
    assertNull(tier.get("expired", clock.millis()));
    long ttl = map().getEntryView("absent").getTtl();
    assertTrue(ttl > 0 && ttl <= 60_000, "the entry's own TTL: " + ttl);
    assertEquals(1, tier.removeByTag("t1"), "the stored entry is reachable by its tag");
    assertNull(tier.get("tagged", clock.millis()));
  }

  @Test
  void putAllIfVersion_storesTheCurrentKeysOnly() {
    tier.fence("x", TierEntry.tombstone(9, clock.millis() + 60_000));
    java.util.Set<String> stored =
        tier.putAllIfVersion(
            java.util.Map.of("x", versioned("old", 3), "y", versioned("old", 3)),
            java.util.Map.of());
    assertEquals(java.util.Set.of("y"), stored);
    assertTrue(tier.get("x", clock.millis()).isTombstone());
  }
}
