package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.codec.Codecs;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One write's entries reach the tiers as the policy says; a removal reaches every tier. */
class TierWritesTest {
  private final FakeClock clock = new FakeClock();
  private final MemoryTier grid = new MemoryTier("grid", clock);
  private final MemoryTier store = new MemoryTier("store", clock);
  private final GuardedTier<Object> near =
      new GuardedTier<>(CaffeineNearTier.create(100, 0, null, clock, Runnable::run), "c", clock);
  private final GuardedTier<byte[]> gridTier = new GuardedTier<>(grid, "c", clock);
  private final GuardedTier<byte[]> storeTier = new GuardedTier<>(store, "c", clock);
  private final CacheSettings settings =
      CacheSettings.builder("c").tiers(true, true, true).ttlJitter(0).build();
  private final TierWrites<String> writes =
      new TierWrites<>(
          new TierSet(near, gridTier, storeTier),
          null,
          new PayloadEncoder<>(Codecs.named("binary", String.class, List.of()), 0),
          new Lifetimes(settings),
          clock);

  @Test
  void apply_writeThrough_everyTierSameVersionAndExpiry() {
    writes.prepare("v", Duration.ofSeconds(30), Set.of("t")).apply("k", WritePolicy.WRITE_THROUGH);
    long now = clock.millis();
    assertEquals(now + 30_000, grid.entries.get("k").expiresAt());
    assertEquals(grid.entries.get("k").version(), store.entries.get("k").version());
    assertEquals("v", near.get("k", now).payload());
    assertTrue(store.entries.get("k").tags().contains("t"));
  }

  @Test
  void apply_invalidateOnly_sharedTiersDroppedNearWritten() {
    writes.prepare("old", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    writes.prepare("new", null, Set.of()).apply("k", WritePolicy.INVALIDATE_ONLY);
    assertFalse(grid.entries.containsKey("k"));
    assertFalse(store.entries.containsKey("k"));
    assertEquals("new", near.get("k", clock.millis()).payload());
  }

  @Test
  void prepare_notFound_negativeTtlAndNoPayload() {
    writes.prepare(null, null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    assertNull(grid.entries.get("k").payload());
    assertEquals(clock.millis() + 30_000, grid.entries.get("k").expiresAt());
  }

  @Test
  void prepare_versionsGrow() {
    writes.prepare("a", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    long first = grid.entries.get("k").version();
    writes.prepare("b", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    assertTrue(grid.entries.get("k").version() > first);
  }

  @Test
  void remove_everyTier() {
    writes.prepare("v", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    writes.remove("k");
    assertNull(near.get("k", clock.millis()));
    assertFalse(grid.entries.containsKey("k"));
    assertFalse(store.entries.containsKey("k"));
    writes.prepare("v", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    writes.removeAll(GuardedTier::clear, (key, entry) -> true);
    assertNotNull(store.entries);
    assertTrue(store.entries.isEmpty());
  }
}
