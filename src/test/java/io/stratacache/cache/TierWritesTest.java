package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.codec.Codecs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One write's entries reach the tiers as the policy says; a removal reaches every tier. */
class TierWritesTest {
  private final ThreeTiers t = new ThreeTiers();
  private final CacheSettings settings =
      CacheSettings.builder("c").tiers(true, true, true).ttlJitter(0).build();
  private final TierWrites<String> writes =
      new TierWrites<>(
          t.set,
          null,
          new PayloadEncoder<>(Codecs.named("binary", String.class, List.of()), 0),
          new Lifetimes(settings),
          t.clock,
          Duration.ofSeconds(30));

  @Test
  void apply_writeThrough_everyTierSameVersionAndExpiry() {
    writes.prepare("v", Duration.ofSeconds(30), Set.of("t")).apply("k", WritePolicy.WRITE_THROUGH);
    long now = t.clock.millis();
    assertEquals(now + 30_000, t.grid.entries.get("k").expiresAt());
    assertEquals(t.grid.entries.get("k").version(), t.store.entries.get("k").version());
    assertEquals("v", t.near.get("k", now).payload());
    assertTrue(t.store.entries.get("k").tags().contains("t"));
  }

  @Test
  void apply_invalidateOnly_sharedTiersDroppedNearWritten() {
    writes.prepare("old", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    writes.prepare("new", null, Set.of()).apply("k", WritePolicy.INVALIDATE_ONLY);
    assertFalse(t.grid.entries.containsKey("k"));
    assertFalse(t.store.entries.containsKey("k"));
    assertEquals("new", t.near.get("k", t.clock.millis()).payload());
  }

  @Test
  void prepare_notFound_negativeTtlAndNoPayload() {
    writes.prepare(null, null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    assertNull(t.grid.entries.get("k").payload());
    assertEquals(t.clock.millis() + 30_000, t.grid.entries.get("k").expiresAt());
  }

  @Test
  void prepare_versionsGrow() {
    writes.prepare("a", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    long first = t.grid.entries.get("k").version();
    writes.prepare("b", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    assertTrue(t.grid.entries.get("k").version() > first);
  }

  @Test
  void remove_everyTier() {
    writes.prepare("v", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    writes.remove("k");
    assertNull(t.near.get("k", t.clock.millis()));
    assertFalse(t.grid.entries.containsKey("k"));
    assertFalse(t.store.entries.containsKey("k"));
    writes.prepare("v", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    writes.removeAll(GuardedTier::clear, (key, entry) -> true);
    assertNotNull(t.store.entries);
    assertTrue(t.store.entries.isEmpty());
  }

  /**
   * A tag invalidation whose epoch cannot move in the grid fences no fill anywhere: a fill on
   * another instance may write the store after the removal, so the store is repaired (cleared) too.
   */
  @Test
  void moveEpoch_gridFails_storeMarkedForRepairToo() {
    MemoryTier grid = new MemoryTier("grid", t.clock);
    MemoryTier store = new MemoryTier("store", t.clock);
    GuardedTier<byte[]> gridTier = remote(grid);
    GuardedTier<byte[]> storeTier = remote(store);
    TierWrites<String> guarded =
        new TierWrites<>(
            new TierSet(null, gridTier, storeTier),
            null,
            new PayloadEncoder<>(Codecs.named("binary", String.class, List.of()), 0),
            new Lifetimes(settings),
            t.clock,
            Duration.ofSeconds(30));
    guarded.moveEpoch("tag:t");
    assertEquals(0, storeTier.pendingRepairs(), "a moved epoch fences: nothing to repair");
    grid.failing = true;
    guarded.moveEpoch("tag:t");
    assertEquals(Integer.MAX_VALUE, gridTier.pendingRepairs());
    assertEquals(Integer.MAX_VALUE, storeTier.pendingRepairs(), "the store is cleared on repair");
  }

  private GuardedTier<byte[]> remote(MemoryTier tier) {
    return new GuardedTier<>(
        tier, "c", t.clock, CacheSettings.Breaker.DEFAULT, Duration.ZERO, Runnable::run);
  }
}
