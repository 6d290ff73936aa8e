package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheFixture.Brand;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Hits in a lower tier fill the tiers above with the remaining TTL. Two registries over the same
 * grid and store stand for two instances of the application.
 */
class PromotionTest {
  private final CacheFixture a =
      new CacheFixture(
          CacheFixture.allTiers()
              .nearTtl(Duration.ofMinutes(5))
              .gridTtl(Duration.ofMinutes(30))
              .storeTtl(Duration.ofHours(2)));
  private final TieredCaches instanceB =
      TieredCaches.builder()
          .near(CaffeineNearTier.factory())
          .clock(a.clock)
          .executor(a.executor)
          .grid((name, clock) -> a.grid)
          .store((name, clock) -> a.store)
          .instanceId("b")
          .build();
  private final ChainedCache<Brand> b =
      (ChainedCache<Brand>) instanceB.cache(a.cache.settings(), Brand.class);

  @Test
  void get_gridHit_fillsNearWithRemainingTtl() {
    a.cache.put("k", brand("k"));
    long expiresAt = a.grid.entries.get("k").expiresAt();
    a.clock.advance(Duration.ofMinutes(10));
    assertNull(b.nearTier().get("k", a.clock.millis()));
    assertEquals(brand("k"), b.get("k", a.counting()));
    assertEquals(0, a.loads.get());
    assertNotNull(b.nearTier().get("k", a.clock.millis()));
    assertEquals(
        expiresAt, b.nearTier().get("k", a.clock.millis()).expiresAt(), "same logical expiry");
    assertEquals(
        a.clock.millis() + Duration.ofMinutes(5).toMillis(),
        b.nearTier().get("k", a.clock.millis()).retainUntil(),
        "near keeps it for near.ttl");
    CacheStats stats = b.stats();
    assertEquals(1, stats.tier("grid").orElseThrow().hits());
    assertEquals(1, stats.tier("near").orElseThrow().misses());
  }

  @Test
  void get_storeHit_fillsGridAndNear() {
    a.cache.put("k", brand("k"));
    a.grid.entries.clear();
    a.clock.advance(Duration.ofMinutes(90));
    assertEquals(brand("k"), b.get("k", a.counting()));
    assertEquals(0, a.loads.get());
    assertNotNull(b.nearTier().get("k", a.clock.millis()));
    assertTrue(a.grid.entries.containsKey("k"), "store hit promoted to the grid");
    long expiresAt = a.store.entries.get("k").expiresAt();
    assertEquals(expiresAt, a.grid.entries.get("k").expiresAt());
    assertEquals(
        expiresAt, a.grid.entries.get("k").retainUntil(), "the grid cap reaches the expiry");
    assertEquals(1, b.stats().tier("store").orElseThrow().hits());
  }

  @Test
  void peek_gridHit_promotesWithoutLoading() {
    a.cache.put("k", brand("k"));
    assertEquals(brand("k"), b.peek("k").orElse(null));
    assertNotNull(b.nearTier().get("k", a.clock.millis()));
  }

  @Test
  void get_nearHit_doesNotTouchLowerTiers() {
    a.cache.get("k", a.counting());
    int gridGets = a.grid.gets.get();
    for (int i = 0; i < 10; i++) {
      a.cache.get("k", a.counting());
    }
    assertEquals(gridGets, a.grid.gets.get());
  }
}
