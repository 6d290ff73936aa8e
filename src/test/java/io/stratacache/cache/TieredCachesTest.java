package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry creates each named cache once, from its settings, on the tiers it was given. */
class TieredCachesTest {
  private final FakeClock clock = new FakeClock();

  /** A registry on the fake clock with the Caffeine near tier, no grid and no store. */
  private TieredCaches.Builder registry() {
    return TieredCaches.builder().near(CaffeineNearTier.factory()).clock(clock);
  }

  @Test
  void cache_sameName_sameInstance() {
    TieredCaches caches = registry().settings(n -> nearOnly(n)).build();
    TieredCache<String> first = caches.cache("brands", String.class);
    assertSame(first, caches.cache("brands", String.class));
    assertEquals(Set.of("brands"), caches.names());
    assertTrue(caches.find("brands").isPresent());
    assertTrue(caches.find("other").isEmpty());
  }

  @Test
  void cache_otherValueType_refused() {
    TieredCaches caches = registry().settings(n -> nearOnly(n)).build();
    caches.cache("brands", String.class);
    assertThrows(IllegalArgumentException.class, () -> caches.cache("brands", Integer.class));
  }

  @Test
  void cache_gridEnabledWithoutGrid_refusedWithAClearMessage() {
    TieredCaches caches = registry().build();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> caches.cache("brands", String.class));
    assertTrue(e.getMessage().contains("cache.brands.grid.enabled=false"), e.getMessage());
  }

  @Test
  void cache_writeBehindWithoutStore_writesLikeWriteThrough() {
    TieredCaches caches = registry().build();
    CacheSettings settings =
        nearOnly("wb").toBuilder().writePolicy(WritePolicy.WRITE_BEHIND).build();
    TieredCache<String> cache = caches.cache(settings, String.class);
    cache.put("k", "v");
    assertEquals("v", cache.peek("k").orElse(null));
    assertEquals(WriteBehindStats.NONE, cache.stats().writeBehind());
  }

  @Test
  void cache_unknownCodec_refused() {
    TieredCaches caches = registry().build();
    CacheSettings settings = nearOnly("c").toBuilder().codec("kryo").build();
    assertThrows(IllegalArgumentException.class, () -> caches.cache(settings, String.class));
  }

  @Test
  void cache_settingsFromConfig() {
    Map<String, String> config =
        Map.of(
            "cache.default.grid.enabled", "false",
            "cache.brands.near.ttl", "90s",
            "cache.brands.negative-ttl", "5s");
    TieredCaches caches = registry().config(key -> Optional.ofNullable(config.get(key))).build();
    CacheSettings settings = caches.cache("brands", String.class).settings();
    assertEquals(Duration.ofSeconds(90), settings.nearTtl());
    assertEquals(Duration.ofSeconds(5), settings.negativeTtl());
    assertTrue(!settings.gridEnabled());
  }

  @Test
  void cache_gridMaxBytes_reachesTheGridFactory_storeGetsNoBound() {
    Map<String, Long> bounds = new java.util.concurrent.ConcurrentHashMap<>();
    TieredCaches caches =
        registry()
            .grid(recording("grid", bounds))
            .store(recording("store", bounds))
            .settings(
                n ->
                    CacheSettings.builder(n)
                        .tiers(true, true, true)
                        .gridMaxBytes(n.equals("bounded") ? 5_000_000 : 0)
                        .build())
            .build();
    caches.cache("bounded", String.class);
    assertEquals(Map.of("grid:bounded", 5_000_000L, "store:bounded", 0L), bounds);
    bounds.clear();
    caches.cache("free", String.class);
    assertEquals(Map.of("grid:free", 0L, "store:free", 0L), bounds);
  }

  /** A tier factory that records the byte bound each cache's tier was created with. */
  private static io.stratacache.cache.tier.TierFactory recording(
      String tier, Map<String, Long> bounds) {
    return new io.stratacache.cache.tier.TierFactory() {
      @Override
      public io.stratacache.cache.tier.Tier<byte[]> create(
          String cacheName, java.time.InstantSource clock) {
        bounds.put(tier + ":" + cacheName, 0L);
        return new MemoryTier(tier, clock);
      }

      @Override
      public io.stratacache.cache.tier.Tier<byte[]> create(
          String cacheName, java.time.InstantSource clock, long maxBytes) {
        bounds.put(tier + ":" + cacheName, maxBytes);
        return new MemoryTier(tier, clock);
      }
    };
  }

  @Test
  void cache_existingWithOtherSettings_refused() {
    TieredCaches caches = registry().build();
    caches.cache(nearOnly("a"), String.class);
    CacheSettings other = nearOnly("a").toBuilder().nearMaxEntries(5).build();
    assertThrows(IllegalArgumentException.class, () -> caches.cache(other, String.class));
  }

  @Test
  void invalidationBus_routesEventsToTheirCache() {
    RecordingBus bus = new RecordingBus();
    TieredCaches caches = registry().settings(n -> nearOnly(n)).invalidationBus(bus).build();
    TieredCache<String> a = caches.cache("a", String.class);
    TieredCache<String> b = caches.cache("b", String.class);
    a.put("k", "va");
    b.put("k", "vb");
    bus.deliver(new InvalidationEvent("a", InvalidationEvent.Kind.KEY, "k", 7, "elsewhere"));
    assertTrue(a.peek("k").isAbsent());
    assertEquals("vb", b.peek("k").orElse(null));
    caches.close();
    assertEquals(Set.of(), caches.names());
  }

  @Test
  void stats_allCachesSortedByName() {
    TieredCaches caches = registry().settings(n -> nearOnly(n)).build();
    caches.cache("zeta", String.class);
    caches.cache("alpha", String.class);
    assertEquals("alpha", caches.stats().get(0).name());
    assertEquals(2, caches.stats().size());
  }

  private static CacheSettings nearOnly(String name) {
    return CacheSettings.builder(name).tiers(true, false, false).build();
  }
}
