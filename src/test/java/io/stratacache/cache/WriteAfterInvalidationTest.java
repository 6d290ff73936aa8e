package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheFixture.Brand;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A put made on this instance just after its own clear, pattern or tag invalidation (in the same
 * millisecond: the fixture's clock does not move) is read back from the grid and the store, not
 * taken for a late fill of before the invalidation. The JSR-107 TCK with the grid tier lost such
 * puts about one run in three (a test's put right after the previous test's clear, then an entry
 * processor reading the grid).
 */
class WriteAfterInvalidationTest {

  private final CacheFixture f = new CacheFixture(CacheFixture.allTiers());

  private Brand readThroughGrid(String key) {
    f.cache.evictNear(key); // what TieredCache#exclusive does before an entry processor
    Lookup<Brand> found = f.cache.peek(key);
    assertTrue(found instanceof Lookup.Present<Brand>, key + ": " + found);
    return ((Lookup.Present<Brand>) found).value();
  }

  @Test
  void putAfterClear_sameMillisecond_readFromTheGrid() {
    f.cache.put("a", CacheFixture.brand("old"));
    f.cache.clear();
    f.cache.put("a", CacheFixture.brand("new"));
    assertEquals(CacheFixture.brand("new"), readThroughGrid("a"));
  }

  @Test
  void putAfterPatternAndTag_sameMillisecond_readFromTheGrid() {
    f.cache.invalidateByPattern("a*");
    f.cache.put("a1", CacheFixture.brand("one"), null, Set.of("t"));
    f.cache.invalidateByTag("t");
    f.cache.put("a2", CacheFixture.brand("two"), null, Set.of("t"));
    assertEquals(CacheFixture.brand("two"), readThroughGrid("a2"));
  }

  @Test
  void entryWrittenBeforeClear_stillNotServed() {
    f.cache.put("b", CacheFixture.brand("before"));
    // an entry of before the clear landing in the grid after it (a late write of this writer)
    var late = f.grid.entries.get("b");
    f.cache.clear();
    f.grid.entries.put("b", late);
    f.cache.evictNear("b");
    assertTrue(f.cache.peek("b").isAbsent(), "the late entry is read as a miss");
  }
}
