package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A tier that throws is counted and skipped: the caller never sees its failure. */
class TierFailureTest {
  private final CacheFixture f = new CacheFixture(CacheFixture.allTiers());

  @Test
  void get_gridDown_readGoesOnToStore() {
    f.cache.put("k", brand("k"));
    f.cache.nearTier().clear();
    f.grid.failing = true;
    assertEquals(brand("k"), f.cache.get("k", f.counting()));
    assertEquals(0, f.loads.get());
    CacheStats stats = f.cache.stats();
    assertTrue(stats.tier("grid").orElseThrow().errors() >= 1);
    assertEquals(1, stats.tier("store").orElseThrow().hits());
  }

  @Test
  void get_gridAndStoreDown_loaderAnswers() {
    f.grid.failing = true;
    f.store.failing = true;
    assertEquals(brand("k"), f.cache.get("k", f.counting()));
    assertEquals(brand("k"), f.cache.get("k", f.counting()), "near still caches");
    assertEquals(1, f.loads.get());
    CacheStats stats = f.cache.stats();
    assertTrue(stats.tier("grid").orElseThrow().errors() >= 2, "get and put");
    assertTrue(stats.tier("store").orElseThrow().errors() >= 2);
    assertTrue(stats.errors() >= 4);
    assertEquals(-1, stats.tier("grid").orElseThrow().size(), "metrics unknown while down");
  }

  @Test
  void putAndInvalidate_storeDown_otherTiersStillWritten() {
    f.store.failing = true;
    f.cache.put("k", brand("k"));
    assertTrue(f.grid.entries.containsKey("k"));
    assertTrue(f.nearHolds("k"));
    f.cache.invalidate("k");
    f.cache.invalidateByTag("t");
    f.cache.invalidateByPattern("k*");
    f.cache.clear();
    assertTrue(!f.grid.entries.containsKey("k"));
    assertEquals(
        5, f.cache.stats().tier("store").orElseThrow().errors(), "put, 3 invalidations, clear");
  }

  @Test
  void get_gridRecovers_usedAgain() {
    f.grid.failing = true;
    f.cache.get("k", f.counting());
    f.grid.failing = false;
    f.cache.put("j", brand("j"));
    assertTrue(f.grid.entries.containsKey("j"));
  }
}
