package io.stratacache.cache;

import io.stratacache.cache.tier.KeyPattern;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The invalidation subsystem of one cache: numbers and publishes this instance's invalidations on
 * the bus, and applies other instances' to the near tier (the shared tiers were changed by the
 * instance that wrote), under the {@link PublicationGuard} so that a load overlapping them
 * publishes nothing. A gap in an origin's sequence numbers (lost events) or a loss notice of the
 * bus flushes the whole near tier instead, as does a remote tier's rejoin ({@link #flushNear}). The
 * {@link CoherenceMonitor} keeps the figures. Thread-safe.
 */
final class InvalidationRelay {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());

  private final String name;
  private final String origin;
  private final InvalidationBus bus;
  private final CacheClock clock;
  private final PublicationGuard guard;
  private final GuardedTier<Object> near;
  private final CoherenceMonitor coherence = new CoherenceMonitor();
  private final AtomicLong sequence = new AtomicLong();
  private final Object announceLock = new Object();

  /**
   * @param origin this instance's id: events of this origin are its own, and ignored on receipt
   * @param near the near tier, or null if the cache has none (events are then only counted)
   */
  InvalidationRelay(
      String name,
      String origin,
      InvalidationBus bus,
      CacheClock clock,
      PublicationGuard guard,
      GuardedTier<Object> near) {
    this.name = name;
    this.origin = origin;
    this.bus = bus;
    this.clock = clock;
    this.guard = guard;
    this.near = near;
  }

  /**
   * Publishes one event; sequence numbers are taken and published under one lock so that they go
   * out in order (a receiver takes any jump for a loss). An event that cannot be published still
   * consumed its number, so receivers see the gap; the failure is logged, not thrown.
   */
  void announce(InvalidationEvent.Kind kind, String subject) {
    try {
      synchronized (announceLock) {
        bus.publish(
            new InvalidationEvent(
                name, kind, subject, sequence.incrementAndGet(), origin, clock.millis()));
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "cache {0}: invalidation not published: {1}",
          new Object[] {name, e.toString()});
    }
  }

  /** The instance's last published sequence number for this cache (0 before the first). */
  long sequence() {
    return sequence.get();
  }

  /** Applies another instance's invalidation to the near tier; a gap flushes it instead. */
  void receive(InvalidationEvent event) {
    if (origin.equals(event.origin())) {
      return;
    }
    boolean gap = coherence.receive(event, clock.millis());
    if (near == null) {
      return;
    }
    if (gap) {
      LOG.log(
          Level.INFO,
          "cache {0}: invalidations from {1} were lost (sequence {2} arrived); near tier flushed",
          new Object[] {name, event.origin(), event.sequence()});
      flushNear();
      return;
    }
    switch (event.kind()) {
      case KEY -> guard.writeKey(event.subject(), () -> near.remove(event.subject()));
      case TAG -> guard.writeTag(event.subject(), () -> near.removeByTag(event.subject()));
      case PATTERN -> guard.writeAll(() -> near.removeByPattern(KeyPattern.glob(event.subject())));
      default -> guard.writeAll(near::clear);
    }
  }

  /** The bus lost events of unknown caches: flush the near tier. */
  void lost() {
    coherence.lost();
    flushNear();
  }

  /** Drops every near copy, under the guard (a load overlapping the flush publishes nothing). */
  void flushNear() {
    if (near != null) {
      guard.writeAll(near::clear);
    }
  }

  CoherenceStats stats() {
    return coherence.stats();
  }
}
