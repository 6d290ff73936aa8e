package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Own invalidations go out numbered; others' reach the near tier; a gap flushes it. */
class InvalidationRelayTest {
  private final FakeClock clock = new FakeClock();
  private final RecordingBus bus = new RecordingBus();
  private final PublicationGuard guard = new PublicationGuard();
  private final GuardedTier<Object> near =
      new GuardedTier<>(CaffeineNearTier.create(100, 0, null, clock, Runnable::run), "c", clock);
  private final InvalidationRelay relay =
      new InvalidationRelay("c", "self", bus, clock, guard, near);

  private void hold(String key) {
    long later = clock.millis() + 60_000;
    near.put(key, new TierEntry<>("v", later, later, 1, Set.of(), 1));
  }

  private InvalidationEvent remote(long sequence, String key) {
    return new InvalidationEvent(
        "c", InvalidationEvent.Kind.KEY, key, sequence, "other", clock.millis());
  }

  @Test
  void announce_numbersInOrder() {
    relay.announce(InvalidationEvent.Kind.KEY, "a");
    relay.announce(InvalidationEvent.Kind.CLEAR, "");
    assertEquals(2, relay.sequence());
    assertEquals(1, bus.published.get(0).sequence());
    assertEquals(2, bus.published.get(1).sequence());
  }

  @Test
  void receive_remoteKey_removesOnlyIt() {
    hold("a");
    hold("b");
    relay.receive(remote(1, "a"));
    assertNull(near.get("a", clock.millis()));
    assertNotNull(near.get("b", clock.millis()));
  }

  @Test
  void receive_ownEvent_ignored() {
    hold("a");
    relay.receive(
        new InvalidationEvent("c", InvalidationEvent.Kind.KEY, "a", 1, "self", clock.millis()));
    assertNotNull(near.get("a", clock.millis()));
  }

  @Test
  void receive_sequenceGap_flushesTheNearTier() {
    relay.receive(remote(1, "x"));
    hold("a");
    relay.receive(remote(3, "x"));
    assertNull(near.get("a", clock.millis()));
  }

  @Test
  void receive_overlappingLoad_cannotPublish() {
    PublicationGuard.Ticket ticket = guard.ticket("a");
    relay.receive(remote(1, "a"));
    assertFalse(ticket.isCurrent());
  }

  @Test
  void lost_flushesAndCounts() {
    hold("a");
    relay.lost();
    assertNull(near.get("a", clock.millis()));
    assertNotNull(relay.stats());
  }
}
