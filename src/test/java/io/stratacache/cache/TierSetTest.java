package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The enabled tiers in read order; health covers the remote ones only. */
class TierSetTest {
  private final FakeClock clock = new FakeClock();

  @Test
  void all_skipsDisabledTiers_statusesCoverRemoteOnes() {
    GuardedTier<byte[]> store = new GuardedTier<>(new MemoryTier("store", clock), "c", clock);
    TierSet tiers = new TierSet(null, null, store);
    assertEquals(List.of(store), tiers.all);
    assertEquals(1, tiers.statuses().size());
    assertEquals("store", tiers.statuses().get(0).tier());
  }

  @Test
  void purgeExpired_sumsTheTiers() {
    MemoryTier grid = new MemoryTier("grid", clock);
    TierSet tiers = new TierSet(null, new GuardedTier<>(grid, "c", clock), null);
    assertEquals(0, tiers.purgeExpired());
  }
}
