package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** "Not found" is an answer, cached as an explicit sentinel for the negative TTL. */
class NegativeCachingTest {
  private final CacheFixture f =
      new CacheFixture(CacheFixture.allTiers().negativeTtl(Duration.ofSeconds(30)));

  @Test
  void get_loaderReturnsNull_cachedAsNotFound() {
    assertNull(f.cache.get("missing", f.countingNotFound()));
    assertNull(f.cache.get("missing", f.countingNotFound()));
    assertEquals(1, f.loads.get());
    assertTrue(f.cache.peek("missing").isNotFound());
    assertTrue(f.grid.entries.get("missing").isNegative());
    assertNull(
        f.store.entries.get("missing"),
        "the grid took it: not written to the store (seconds-long)");
    assertEquals(2, f.cache.stats().negativeHits(), "the second get and the peek");
  }

  @Test
  void get_loaderReturnsNull_gridFailing_theStoreKeepsTheNegativeAnswer() {
    f.cache.peek("warm"); // tiers created
    f.grid.failing = true;
    assertNull(f.cache.get("missing", f.countingNotFound()));
    assertTrue(f.store.entries.get("missing").isNegative(), "the shared tier left takes it");
  }

  @Test
  void getAll_loaderFindsNone_negativesOutOfTheStoreValuesIn() throws Exception {
    f.cache.getAll(
        java.util.List.of("missing", "there"),
        keys -> {
          java.util.Map<String, CacheFixture.Brand> found = new java.util.HashMap<>();
          if (keys.contains("there")) {
            found.put("there", CacheFixture.brand("there"));
          }
          return found;
        });
    assertTrue(f.grid.entries.get("missing").isNegative());
    assertNull(f.store.entries.get("missing"));
    assertTrue(f.store.entries.get("there") != null && !f.store.entries.get("there").isNegative());
    assertTrue(f.cache.peek("missing").isNotFound(), "the near tier has the negative answer");
  }

  @Test
  void get_notFound_expiresAfterNegativeTtl() {
    long now = f.clock.millis();
    f.cache.get("missing", f.countingNotFound());
    assertEquals(now + 30_000, f.grid.entries.get("missing").expiresAt());
    f.clock.advance(Duration.ofSeconds(29));
    f.cache.get("missing", f.countingNotFound());
    assertEquals(1, f.loads.get());
    f.clock.advance(Duration.ofSeconds(2));
    f.cache.get("missing", f.countingNotFound());
    assertEquals(2, f.loads.get());
  }

  @Test
  void peek_nothingCached_absentNotNotFound() {
    assertTrue(f.cache.peek("never").isAbsent());
    assertTrue(!f.cache.peek("never").isNotFound());
  }

  @Test
  void get_notFoundInGrid_promotedToNearAsNotFound() {
    f.cache.get("missing", f.countingNotFound());
    f.cache.nearTier().clear();
    assertNull(f.cache.get("missing", f.countingNotFound()));
    assertEquals(1, f.loads.get());
    assertTrue(f.cacheNearEntry("missing").isNegative());
    assertEquals(1, f.cache.stats().negativeHits());
  }

  @Test
  void put_afterNotFound_replacesIt() {
    f.cache.get("k", f.countingNotFound());
    f.cache.put("k", CacheFixture.brand("k"));
    assertEquals(CacheFixture.brand("k"), f.cache.get("k", f.countingNotFound()));
    assertEquals(1, f.loads.get());
  }
}
