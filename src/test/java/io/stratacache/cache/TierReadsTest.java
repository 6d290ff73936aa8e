package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.codec.Codecs;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lower-tier hits are decoded and promoted upward, unless a write overlapped the read. */
class TierReadsTest {
  private final FakeClock clock = new FakeClock();
  private final MemoryTier grid = new MemoryTier("grid", clock);
  private final MemoryTier store = new MemoryTier("store", clock);
  private final GuardedTier<Object> near =
      new GuardedTier<>(CaffeineNearTier.create(100, 0, null, clock, Runnable::run), "c", clock);
  private final GuardedTier<byte[]> gridTier = new GuardedTier<>(grid, "c", clock);
  private final GuardedTier<byte[]> storeTier = new GuardedTier<>(store, "c", clock);
  private final PayloadEncoder<String> encoder =
      new PayloadEncoder<>(Codecs.named("binary", String.class, List.of()), 0);
  private final PublicationGuard guard = new PublicationGuard();
  private final CacheCounters counters = new CacheCounters();
  private final TierReads<String> reads =
      new TierReads<>(
          "c",
          new TierSet(near, gridTier, storeTier),
          null,
          encoder,
          new Lifetimes(CacheSettings.builder("c").tiers(true, true, true).ttlJitter(0).build()),
          guard,
          counters);

  private TierEntry<byte[]> entry(String value) {
    long later = clock.millis() + 60_000;
    byte[] bytes = value == null ? null : encoder.encode(value);
    return new TierEntry<>(bytes, later, later, 1, Set.of(), bytes == null ? 0 : bytes.length);
  }

  @Test
  void read_storeHit_promotedToGridAndNear() {
    store.entries.put("k", entry("v"));
    TierReads.Found hit = reads.read("k", guard.ticket("k"), clock.millis(), null);
    assertEquals("v", hit.value());
    assertTrue(grid.entries.containsKey("k"));
    assertEquals("v", near.get("k", clock.millis()).payload());
    assertEquals(1, storeTier.hits());
    assertEquals(1, gridTier.misses());
  }

  @Test
  void read_negativeGridEntry_notFoundCounted() {
    grid.entries.put("k", entry(null));
    TierReads.Found hit = reads.read("k", guard.ticket("k"), clock.millis(), null);
    assertSame(ChainedCache.NOT_FOUND, hit.value());
    CacheStats stats = counters.stats("c", List.of(), null, encoder, null, null);
    assertEquals(1, stats.negativeHits());
  }

  @Test
  void read_writeOverlapped_answersButPromotesNothing() {
    grid.entries.put("k", entry("v"));
    PublicationGuard.Ticket ticket = guard.ticket("k");
    guard.writeKey("k", () -> {});
    assertEquals("v", reads.read("k", ticket, clock.millis(), null).value());
    assertNull(near.get("k", clock.millis()));
  }

  @Test
  void read_undecodable_droppedAndMissed() {
    long later = clock.millis() + 60_000;
    grid.entries.put("k", new TierEntry<>(new byte[] {9, 9, 9}, later, later, 1, Set.of(), 3));
    assertNull(reads.read("k", guard.ticket("k"), clock.millis(), null));
    assertFalse(grid.entries.containsKey("k"));
  }

  @Test
  void read_expiredEntry_offeredAsStale() {
    long earlier = clock.millis() - 1;
    byte[] bytes = encoder.encode("old");
    grid.entries.put("k", new TierEntry<>(bytes, earlier, earlier + 60_000, 1, Set.of(), 3));
    TierReads<String>.StaleCandidate stale = reads.new StaleCandidate(null);
    assertNull(reads.read("k", guard.ticket("k"), clock.millis(), stale));
    assertEquals("old", stale.value());
  }
}
