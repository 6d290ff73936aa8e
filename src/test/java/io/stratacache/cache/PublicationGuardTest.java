package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A reader publishes only if no write or invalidation of its key happened since its ticket. */
class PublicationGuardTest {
  private final PublicationGuard guard = new PublicationGuard();
  private final AtomicBoolean published = new AtomicBoolean();

  @Test
  void publish_nothingChanged_writes() {
    PublicationGuard.Ticket ticket = guard.ticket("k");
    assertTrue(guard.publish(ticket, () -> published.set(true)));
    assertTrue(published.get());
  }

  @Test
  void publish_keyWrittenSince_refused() {
    PublicationGuard.Ticket ticket = guard.ticket("k");
    guard.writeKey("k", () -> {});
    assertFalse(ticket.isCurrent());
    assertFalse(guard.publish(ticket, () -> published.set(true)));
    assertFalse(published.get());
  }

  @Test
  void publish_bulkInvalidationSince_refused() {
    PublicationGuard.Ticket ticket = guard.ticket("k");
    guard.writeAll(() -> {});
    assertFalse(guard.publish(ticket, () -> published.set(true)));
  }

  @Test
  void taggedTicket_refusedByItsTagsAndBulk_notByOtherTags() {
    java.util.List<String> tags = java.util.List.of("brand:a", "rule:r");
    String other = "brand:b";
    for (int i = 0;
        Math.floorMod(spread(other), PublicationGuard.TAG_STRIPES)
                == Math.floorMod(spread("brand:a"), PublicationGuard.TAG_STRIPES)
            || Math.floorMod(spread(other), PublicationGuard.TAG_STRIPES)
                == Math.floorMod(spread("rule:r"), PublicationGuard.TAG_STRIPES);
        i++) {
      other = "brand:b" + i;
    }
    PublicationGuard.Ticket tagged = guard.ticket("k", tags);
    PublicationGuard.Ticket untagged = guard.ticket("k");
    guard.writeTag(other, () -> {});
    assertTrue(tagged.isCurrent(), "another tag's invalidation cannot have removed this value");
    assertFalse(untagged.isCurrent(), "a load that does not know its tags is refused");
    guard.writeTag("rule:r", () -> {});
    assertFalse(tagged.isCurrent(), "an invalidation of one of its tags refuses it");
    PublicationGuard.Ticket again = guard.ticket("k", tags);
    guard.writeAll(() -> {});
    assertFalse(again.isCurrent(), "a pattern invalidation or clear refuses every fill");
  }

  private static int spread(String s) {
    int h = s.hashCode();
    return h ^ (h >>> 16);
  }

  @Test
  void publish_otherStripeWritten_stillWrites() {
    String other = "k";
    for (int i = 0; sameStripe("k", other); i++) {
      other = "other-" + i;
    }
    PublicationGuard.Ticket ticket = guard.ticket("k");
    guard.writeKey(other, () -> {});
    assertTrue(guard.publish(ticket, () -> published.set(true)));
  }

  @Test
  void writeKey_changeThrows_generationMovesAnyway() {
    PublicationGuard.Ticket ticket = guard.ticket("k");
    try {
      guard.writeKey(
          "k",
          () -> {
            throw new IllegalStateException("tier down");
          });
    } catch (IllegalStateException expected) {
      // the change failed half-way: a reader from before must not publish over it
    }
    assertFalse(ticket.isCurrent());
  }

  private boolean sameStripe(String a, String b) {
    PublicationGuard probe = new PublicationGuard();
    PublicationGuard.Ticket ticket = probe.ticket(a);
    probe.writeKey(b, () -> {});
    return !ticket.isCurrent();
  }
}
