package io.stratacache.store;

import io.stratacache.cache.InvalidationBus;
import io.stratacache.cache.InvalidationEvent;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Carries store changes (a store and the days whose orders changed) to the other instances over the
 * caches' invalidation bus, as events of the pseudo-cache {@value #CHANNEL} that no cache registry
 * answers to. Subject: {@code storeId:yyyy-MM-dd,yyyy-MM-dd,...}. A bus that lost events tells its
 * listeners, and the hierarchy then drops what every store's results may have missed. Thread-safe.
 */
public final class StoreChangeFeed {
  private static final Logger LOG = Logger.getLogger(StoreChangeFeed.class.getName());

  /** The pseudo-cache name of store changes on the bus. */
  public static final String CHANNEL = "store-changes";

  private final InvalidationBus bus;
  private final String origin;
  private final AtomicLong sequence = new AtomicLong();

  public StoreChangeFeed(InvalidationBus bus, String origin) {
    this.bus = bus;
    this.origin = origin;
  }

  /** Publishes a change made on this instance. */
  public void publish(long storeId, Set<LocalDate> days) {
    String subject =
        storeId + ":" + days.stream().map(LocalDate::toString).collect(Collectors.joining(","));
    bus.publish(
        new InvalidationEvent(
            CHANNEL,
            InvalidationEvent.Kind.KEY,
            subject,
            sequence.incrementAndGet(),
            origin,
            System.currentTimeMillis()));
  }

  /**
   * Delivers other instances' changes to {@code listener}, and bus losses to {@code lost}.
   *
   * @return the subscription
   */
  public AutoCloseable subscribe(BiConsumer<Long, Set<LocalDate>> listener, Runnable lost) {
    return bus.subscribe(
        event -> {
          if (event.isLossNotice()) {
            lost.run();
            return;
          }
          if (!CHANNEL.equals(event.cacheName()) || origin.equals(event.origin())) {
            return;
          }
          try {
            String s = event.subject();
            int colon = s.indexOf(':');
            long store = Long.parseLong(s.substring(0, colon));
            Set<LocalDate> days = new TreeSet<>();
            for (String d : s.substring(colon + 1).split(",")) {
              days.add(LocalDate.parse(d));
            }
            listener.accept(store, days);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "store change {0} not applied: {1}", new Object[] {event, e});
            lost.run();
          }
        });
  }
}
