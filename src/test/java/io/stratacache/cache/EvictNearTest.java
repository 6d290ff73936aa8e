package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link TieredCache#evictNear} drops this instance's near copy only. */
class EvictNearTest {
  private final CacheFixture f = new CacheFixture(CacheFixture.allTiers());

  @Test
  void evictNear_present_dropsNearKeepsGridAndStorePublishesNothing() {
    f.cache.put("k", CacheFixture.brand("k"));
    int published = f.bus.published.size();
    f.cache.evictNear("k");
    assertFalse(f.nearHolds("k"));
    assertTrue(f.grid.entries.containsKey("k"));
    assertTrue(f.store.entries.containsKey("k"));
    assertEquals(published, f.bus.published.size(), "no invalidation published");
    assertEquals(CacheFixture.brand("k"), f.cache.get("k", f.counting()));
    assertEquals(0, f.loads.get(), "served from the grid, not loaded");
    assertTrue(f.nearHolds("k"), "promoted again");
  }

  @Test
  void evictNear_absentOrBadKey() {
    f.cache.evictNear("never");
    assertThrows(IllegalArgumentException.class, () -> f.cache.evictNear(""));
    assertThrows(NullPointerException.class, () -> f.cache.evictNear(null));
  }
}
