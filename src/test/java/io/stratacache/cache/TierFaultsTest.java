package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A wrapped tier obeys the switchboard: it fails while its fault is FAIL, and heals when lifted.
 */
class TierFaultsTest {
  private final FakeClock clock = new FakeClock();
  private final MemoryTier grid = new MemoryTier("grid", clock);
  private final TierFaults faults = new TierFaults();
  private final Tier<byte[]> wrapped = faults.wrap((name, c) -> grid).create("brands", clock);

  private TierEntry<byte[]> entry() {
    long later = clock.millis() + 60_000;
    return new TierEntry<>(new byte[] {1}, later, later, 1, Set.of(), 1);
  }

  @Test
  void put_fail_throwsAndWritesNothing() {
    faults.set("grid", TierFaults.Mode.FAIL);
    assertThrows(IllegalStateException.class, () -> wrapped.put("k", entry()));
    assertEquals(0, grid.entries.size());
    assertEquals(Map.of("grid", TierFaults.Mode.FAIL), faults.modes());
  }

  @Test
  void get_faultLifted_reachesTheTier() {
    faults.set("grid", TierFaults.Mode.FAIL);
    faults.set("grid", TierFaults.Mode.NONE);
    wrapped.put("k", entry());
    assertNotNull(wrapped.get("k", clock.millis()));
  }

  @Test
  void mode_otherTier_unaffected() {
    faults.set("store", TierFaults.Mode.STALL);
    assertEquals(TierFaults.Mode.NONE, faults.mode("grid"));
    wrapped.put("k", entry());
    assertEquals(1, grid.entries.size());
  }
}
