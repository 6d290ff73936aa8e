package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.tier.TierEntry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** TTLs per tier, their jitter, and expire-after-access, on the fake clock. */
class ExpiryTest {

  @Test
  void get_eachTierKeepsItsCopyForItsOwnTtl() {
    CacheFixture f =
        new CacheFixture(
            CacheFixture.allTiers()
                .nearTtl(Duration.ofMinutes(1))
                .gridTtl(Duration.ofMinutes(10))
                .storeTtl(Duration.ofHours(1)));
    long start = f.clock.millis();
    f.cache.get("k", f.counting());
    assertEquals(start + Duration.ofHours(1).toMillis(), f.store.entries.get("k").expiresAt());
    assertEquals(start + Duration.ofMinutes(10).toMillis(), f.grid.entries.get("k").retainUntil());
    assertEquals(start + Duration.ofMinutes(1).toMillis(), f.cacheNearEntry("k").retainUntil());

    f.clock.advance(Duration.ofSeconds(59));
    assertTrue(f.nearHolds("k"));
    f.clock.advance(Duration.ofSeconds(2));
    assertNull(f.cacheNearEntry("k"), "near copy gone after near.ttl");
    assertEquals(brand("k"), f.cache.get("k", f.counting()), "served by the grid");
    assertEquals(1, f.loads.get());

    f.clock.advance(Duration.ofMinutes(10));
    assertEquals(brand("k"), f.cache.get("k", f.counting()), "served by the store");
    assertEquals(1, f.loads.get());

    f.clock.advance(Duration.ofHours(1));
    f.cache.get("k", f.counting());
    assertEquals(2, f.loads.get(), "loaded again after the longest TTL");
  }

  @Test
  void put_jitterSpreadsExpiryWithinTenPercent() {
    CacheFixture f =
        new CacheFixture(
            CacheSettings.builder("brands")
                .tiers(true, false, false)
                .nearTtl(Duration.ofSeconds(1000)));
    long now = f.clock.millis();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 2000; i++) {
      f.cache.put("k" + i, brand("b"));
      TierEntry<Object> entry = f.cacheNearEntry("k" + i);
      long ttl = entry.expiresAt() - now;
      min = Math.min(min, ttl);
      max = Math.max(max, ttl);
    }
    assertTrue(min >= 900_000, "min " + min);
    assertTrue(max <= 1_100_000, "max " + max);
    assertTrue(min < 920_000 && max > 1_080_000, "spread " + min + ".." + max);
  }

  @Test
  void put_zeroJitter_exactTtl() {
    CacheFixture f =
        new CacheFixture(
            CacheSettings.builder("brands")
                .tiers(true, false, false)
                .ttlJitter(0)
                .nearTtl(Duration.ofSeconds(100)));
    f.cache.put("k", brand("b"));
    assertEquals(f.clock.millis() + 100_000, f.cacheNearEntry("k").expiresAt());
  }

  @Test
  void get_expireAfterAccess_readsKeepTheNearCopyAlive() {
    CacheFixture f =
        new CacheFixture(
            CacheSettings.builder("brands")
                .tiers(true, false, false)
                .nearExpiry(CacheSettings.NearExpiry.AFTER_ACCESS)
                .nearTtl(Duration.ofMinutes(1)));
    f.cache.get("k", f.counting());
    for (int i = 0; i < 5; i++) {
      f.clock.advance(Duration.ofSeconds(50));
      assertNotNull(f.cache.peek("k").orElse(null), "read " + i);
    }
    f.clock.advance(Duration.ofSeconds(61));
    assertTrue(f.cache.peek("k").isAbsent(), "idle for longer than near.ttl");
  }

  @Test
  void get_expireAfterAccess_neverPastTheValueExpiry() {
    CacheFixture f =
        new CacheFixture(
            CacheFixture.allTiers()
                .nearExpiry(CacheSettings.NearExpiry.AFTER_ACCESS)
                .nearTtl(Duration.ofMinutes(1))
                .gridTtl(Duration.ofMinutes(2))
                .storeEnabled(false));
    f.cache.get("k", f.counting());
    for (int i = 0; i < 4; i++) {
      f.clock.advance(Duration.ofSeconds(40));
      f.cache.get("k", f.counting());
    }
    assertEquals(2, f.loads.get(), "reloaded once the 2-minute lifetime ended");
  }
}
