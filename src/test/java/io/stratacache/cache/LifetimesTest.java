package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Expiry, per-tier retention, jitter and the stale windows of one cache. */
class LifetimesTest {
  private static final long NOW = 1_000_000;

  private static CacheSettings.Builder settings() {
    return CacheSettings.builder("c")
        .tiers(true, true, false)
        .ttlJitter(0)
        .nearTtl(Duration.ofSeconds(10))
        .gridTtl(Duration.ofSeconds(60))
        .negativeTtl(Duration.ofSeconds(5));
  }

  @Test
  void expiresAt_noTtl_longestTierTtl() {
    Lifetimes l = new Lifetimes(settings().build());
    assertEquals(NOW + 60_000, l.expiresAt(NOW, null, false, 1.0));
    assertEquals(NOW + 5_000, l.expiresAt(NOW, null, true, 1.0));
    assertEquals(NOW + 2_000, l.expiresAt(NOW, Duration.ofSeconds(2), false, 1.0));
  }

  @Test
  void retention_shorterTierTtl_capsAtTheTier() {
    Lifetimes l = new Lifetimes(settings().build());
    long expiresAt = NOW + 60_000;
    assertEquals(NOW + 10_000, l.nearRetention(NOW, 1.0, expiresAt));
    assertEquals(expiresAt, l.gridRetention(NOW, 1.0, expiresAt), "no stale window: no grace");
  }

  @Test
  void retention_staleWindow_keepsTheCopyAGraceLonger() {
    Lifetimes l =
        new Lifetimes(
            settings()
                .staleWhileRevalidate(Duration.ofSeconds(3))
                .staleIfError(Duration.ofSeconds(7))
                .build());
    long expiresAt = NOW + 60_000;
    assertEquals(expiresAt + 7_000, l.gridRetention(NOW, 1.0, expiresAt));
    assertTrue(l.staleWhileRevalidate(expiresAt + 2_999, expiresAt));
    assertFalse(l.staleWhileRevalidate(expiresAt + 3_000, expiresAt));
    assertTrue(l.staleIfError(expiresAt + 6_999, expiresAt));
  }

  @Test
  void expiresAt_afterAccessNearOnly_never() {
    Lifetimes l =
        new Lifetimes(
            settings()
                .tiers(true, false, false)
                .nearExpiry(CacheSettings.NearExpiry.AFTER_ACCESS)
                .build());
    assertEquals(Long.MAX_VALUE, l.expiresAt(NOW, null, false, 1.0));
    assertEquals(Long.MAX_VALUE, l.nearRetention(NOW, 1.0, Long.MAX_VALUE));
  }

  @Test
  void jitterFactor_staysWithinTheSpread() {
    Lifetimes l = new Lifetimes(settings().ttlJitter(0.2).build());
    for (int i = 0; i < 1000; i++) {
      double f = l.jitterFactor();
      assertTrue(f >= 0.8 && f <= 1.2, "factor " + f);
    }
    assertEquals(1.0, new Lifetimes(settings().build()).jitterFactor());
  }

  @Test
  void refreshAhead_withinTheWindowOnly() {
    Lifetimes l = new Lifetimes(settings().refreshAhead(Duration.ofSeconds(2)).build());
    assertTrue(l.refreshAhead(NOW, NOW + 2_000));
    assertFalse(l.refreshAhead(NOW, NOW + 2_001));
    assertFalse(new Lifetimes(settings().build()).refreshAhead(NOW, NOW + 1));
  }

  @Test
  void plus_overflow_saturates() {
    assertEquals(Long.MAX_VALUE, Lifetimes.plus(Long.MAX_VALUE - 1, 5));
    assertEquals(7, Lifetimes.plus(3, 4));
  }
}
