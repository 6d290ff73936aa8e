package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.tier.NearTierFactory;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The assembly builds each tier of a cache from the factory it was given, and only from it. */
class CacheAssemblyTest {
  private final FakeClock clock = new FakeClock();
  private final TierExecutors executors = new TierExecutors(Runnable::run, null);

  private CacheAssembly assembly(NearTierFactory near) {
    return new CacheAssembly(
        new RegistryServices(
            clock,
            Runnable::run,
            InvalidationBus.none(),
            "self",
            LoadCoordinator.none(),
            new Observers()),
        near,
        null,
        null,
        executors);
  }

  private final AtomicReference<NearTierFactory.Bounds> seen = new AtomicReference<>();

  /** Caffeine's factory, noting the bounds it was given. */
  private final NearTierFactory recording =
      (name, bounds, c) -> {
        seen.set(bounds);
        return CaffeineNearTier.factory().create(name, bounds, c);
      };

  private static CacheSettings nearOnly() {
    return CacheSettings.builder("brands").tiers(true, false, false).build();
  }

  @Test
  void create_nearEnabledWithoutNearFactory_refusedNamingTheSetting() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> assembly(null).create(nearOnly(), String.class));
    assertTrue(e.getMessage().contains("cache.brands.near.enabled=false"), e.getMessage());
  }

  @Test
  void create_afterWrite_givesTheFactoryTheSizeBoundsAndNoIdleTime() {
    CacheSettings settings = nearOnly().toBuilder().nearMaxEntries(42).build();
    assembly(recording).create(settings, String.class);
    assertEquals(42, seen.get().maxEntries());
    assertEquals(0, seen.get().maxBytes());
    assertNull(seen.get().idle());
  }

  @Test
  void create_afterAccess_givesTheFactoryTheNearTtlAsIdleTime() {
    CacheSettings settings =
        nearOnly().toBuilder()
            .nearExpiry(CacheSettings.NearExpiry.AFTER_ACCESS)
            .nearTtl(Duration.ofSeconds(7))
            .build();
    ChainedCache<String> cache = assembly(recording).create(settings, String.class);
    assertEquals(Duration.ofSeconds(7), seen.get().idle());
    cache.put("k", "v");
    assertEquals("v", cache.get("k", key -> "loaded"));
  }
}
