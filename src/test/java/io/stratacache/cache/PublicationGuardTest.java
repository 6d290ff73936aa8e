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
