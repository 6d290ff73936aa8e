package io.stratacache.cache.tier.near;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.FakeClock;
import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.NearTierFactory;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaffeineNearTierTest {
  private final FakeClock clock = new FakeClock();

  private TierEntry<Object> entry(String value, long retainMillis, int weight, String... tags) {
    long now = clock.millis();
    return new TierEntry<>(value, now + retainMillis, now + retainMillis, 1, Set.of(tags), weight);
  }

  @Test
  void factory_idleTimeFromBounds_dropsAnUnreadEntry() {
    Tier<Object> tier =
        CaffeineNearTier.factory()
            .create("c", new NearTierFactory.Bounds(100, 0, Duration.ofSeconds(10)), clock);
    tier.put("k", entry("v", 60_000, 10));
    clock.advance(Duration.ofSeconds(11));
    assertNull(tier.get("k", clock.millis()));
  }

  @Test
  void factory_noBounds_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CaffeineNearTier.factory().create("c", new NearTierFactory.Bounds(0, 0, null), clock));
  }

  @Test
  void get_beforeAndAfterRetention() {
    CaffeineNearTier tier = CaffeineNearTier.create(100, 0, null, clock, Runnable::run);
    tier.put("k", entry("v", 1000, 10));
    clock.advance(Duration.ofMillis(999));
    assertEquals("v", tier.get("k", clock.millis()).payload());
    clock.advance(Duration.ofMillis(1));
    assertNull(tier.get("k", clock.millis()));
    tier.purgeExpired();
    assertEquals(1, tier.metrics().expirations());
  }

  @Test
  void purgeExpired_sweepsDeadEntriesNobodyReads() {
    CaffeineNearTier tier = CaffeineNearTier.create(100, 0, null, clock, Runnable::run);
    tier.put("short", entry("v", 1000, 10));
    tier.put("long", entry("v", 60_000, 10));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, tier.purgeExpired());
    assertEquals(1, tier.metrics().size());
    assertEquals(10, tier.metrics().bytes());
    assertNotNull(tier.get("long", clock.millis()));
  }

  @Test
  void get_idleTimeout_expiresUnreadEntriesOnly() {
    CaffeineNearTier tier =
        CaffeineNearTier.create(100, 0, Duration.ofSeconds(10), clock, Runnable::run);
    tier.put("read", entry("v", 60_000, 1));
    tier.put("unread", entry("v", 60_000, 1));
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(8));
      assertNotNull(tier.get("read", clock.millis()));
    }
    assertNull(tier.get("unread", clock.millis()));
    clock.advance(Duration.ofSeconds(30));
    assertNull(tier.get("read", clock.millis()), "never past its retention");
  }

  @Test
  void put_overByteBudget_evictsByWeight() {
    CaffeineNearTier tier = CaffeineNearTier.create(0, 1000, null, clock, Runnable::run);
    for (int i = 0; i < 50; i++) {
      tier.put("k" + i, entry("v", 60_000, 100));
    }
    tier.purgeExpired();
    assertTrue(tier.metrics().size() <= 10, "size " + tier.metrics().size());
    assertTrue(tier.metrics().bytes() <= 1000, "bytes " + tier.metrics().bytes());
    assertTrue(tier.metrics().evictions() >= 40);
  }

  @Test
  void metrics_bytesFollowReplacementsAndRemovals() {
    CaffeineNearTier tier = CaffeineNearTier.create(100, 0, null, clock, Runnable::run);
    tier.put("a", entry("v", 60_000, 100));
    tier.put("a", entry("v", 60_000, 30));
    tier.put("b", entry("v", 60_000, 5));
    assertEquals(35, tier.metrics().bytes());
    tier.remove("a");
    assertEquals(5, tier.metrics().bytes());
  }

  @Test
  void removeByTagAndPattern() {
    CaffeineNearTier tier = CaffeineNearTier.create(100, 0, null, clock, Runnable::run);
    tier.put("brand:1", entry("v", 60_000, 1, "top"));
    tier.put("brand:2", entry("v", 60_000, 1));
    tier.put("store:1", entry("v", 60_000, 1, "top"));
    tier.put("store:2", entry("v", 60_000, 1));
    assertEquals(2, tier.removeByTag("top"));
    assertNull(tier.get("brand:1", clock.millis()));
    assertNull(tier.get("store:1", clock.millis()));
    assertEquals(1, tier.removeByPattern(KeyPattern.glob("brand:*")));
    assertNotNull(tier.get("store:2", clock.millis()));
    tier.clear();
    assertNull(tier.get("store:2", clock.millis()));
  }

  @Test
  void create_noBound_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CaffeineNearTier.create(0, 0, null, clock, Runnable::run));
  }
}
