package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.tier.TierEntry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lower-tier hits are decoded and promoted upward, unless a write overlapped the read. */
class TierReadsTest {
  private final ThreeTiers t = new ThreeTiers();
  private final PublicationGuard guard = new PublicationGuard();
  private final CacheCounters counters = new CacheCounters();
  private final TierReads<String> reads =
      new TierReads<>(
          "c",
          t.set,
          null,
          t.encoder,
          new Lifetimes(CacheSettings.builder("c").tiers(true, true, true).ttlJitter(0).build()),
          guard,
          counters,
          new LateFills(t.clock, java.time.Duration.ofSeconds(30)));

  private TierEntry<byte[]> entry(String value) {
    long later = t.clock.millis() + 60_000;
    byte[] bytes = value == null ? null : t.encoder.encode(value);
    return new TierEntry<>(bytes, later, later, 1, Set.of(), bytes == null ? 0 : bytes.length);
  }

  @Test
  void read_storeHit_promotedToGridAndNear() {
    t.store.entries.put("k", entry("v"));
    TierReads.Found hit = reads.read("k", guard.ticket("k"), t.clock.millis(), null);
    assertEquals("v", hit.value());
    assertTrue(t.grid.entries.containsKey("k"));
    assertEquals("v", t.near.get("k", t.clock.millis()).payload());
    assertEquals(1, t.storeTier.hits());
    assertEquals(1, t.gridTier.misses());
  }

  @Test
  void read_negativeGridEntry_notFoundCounted() {
    t.grid.entries.put("k", entry(null));
    TierReads.Found hit = reads.read("k", guard.ticket("k"), t.clock.millis(), null);
    assertSame(ChainedCache.NOT_FOUND, hit.value());
    CacheStats stats = counters.stats("c", List.of(), null, t.encoder, null, null);
    assertEquals(1, stats.negativeHits());
  }

  @Test
  void read_writeOverlapped_answersButPromotesNothing() {
    t.grid.entries.put("k", entry("v"));
    PublicationGuard.Ticket ticket = guard.ticket("k");
    guard.writeKey("k", () -> {});
    assertEquals("v", reads.read("k", ticket, t.clock.millis(), null).value());
    assertNull(t.near.get("k", t.clock.millis()));
  }

  @Test
  void read_undecodable_droppedAndMissed() {
    long later = t.clock.millis() + 60_000;
    t.grid.entries.put("k", new TierEntry<>(new byte[] {9, 9, 9}, later, later, 1, Set.of(), 3));
    assertNull(reads.read("k", guard.ticket("k"), t.clock.millis(), null));
    assertFalse(t.grid.entries.containsKey("k"));
  }

  @Test
  void read_expiredEntry_offeredAsStale() {
    long earlier = t.clock.millis() - 1;
    byte[] bytes = t.encoder.encode("old");
    t.grid.entries.put("k", new TierEntry<>(bytes, earlier, earlier + 60_000, 1, Set.of(), 3));
    TierReads<String>.StaleCandidate stale = reads.new StaleCandidate(null);
    assertNull(reads.read("k", guard.ticket("k"), t.clock.millis(), stale));
    assertEquals("old", stale.value());
  }
}
