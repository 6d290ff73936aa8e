package io.stratacache.monitoring.alert;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The alert state machine. An evaluation opens one alert per rule and cache whose condition holds
 * and has none active (never a duplicate while one is active), and auto-resolves every active alert
 * whose condition no longer holds — including those of a disabled rule and those of a cache too
 * idle to be judged. Operators resolve alerts by hand with {@link #resolve}. Every transition is
 * logged on one line.
 *
 * <p>Thread-safe: evaluations of one instance run one at a time; across instances the store's
 * one-active-alert guarantee prevents duplicates.
 */
final class AlertBook {

  private static final Logger LOG = Logger.getLogger(AlertBook.class.getName());

  private final AlertStore store;
  private final InstantSource clock;

  AlertBook(AlertStore store, InstantSource clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Applies the findings of one evaluation. */
  synchronized Evaluation apply(List<Finding> findings) {
    Map<String, Finding> holding = new HashMap<>();
    for (Finding f : findings) {
      holding.putIfAbsent(f.key(), f);
    }
    Set<String> active = new HashSet<>();
    int resolved = 0;
    for (Alert a : store.active()) {
      if (holding.containsKey(a.key())) {
        active.add(a.key());
      } else if (store.close(a.id(), AlertState.AUTO_RESOLVED, clock.instant()).isPresent()) {
        resolved++;
        LOG.info(
            () ->
                "Alert "
                    + a.id()
                    + " "
                    + a.rule()
                    + " on "
                    + a.cache()
                    + " auto-resolved: condition cleared");
      }
    }
    int opened = 0;
    for (Finding f : holding.values()) {
      if (active.contains(f.key())) {
        continue;
      }
      var alert = store.open(f, clock.instant());
      if (alert.isPresent()) {
        opened++;
        Alert a = alert.get();
        LOG.info(
            () ->
                "Alert "
                    + a.id()
                    + " opened: "
                    + a.severity()
                    + " "
                    + a.rule()
                    + " on "
                    + a.cache()
                    + ": "
                    + a.message());
      }
    }
    return new Evaluation(opened, resolved, store.active().size());
  }

  /**
   * Resolves an active alert by hand.
   *
   * @return the resolved alert
   * @throws io.stratacache.platform.UnknownEntityException if there is no such alert
   * @throws IllegalStateException if it is not active
   */
  synchronized Alert resolve(long id) {
    Alert a =
        store
            .find(id)
            .orElseThrow(() -> new io.stratacache.platform.UnknownEntityException("alert", id));
    if (a.state() != AlertState.ACTIVE) {
      throw new IllegalStateException("alert " + id + " is already " + a.state());
    }
    Alert closed =
        store
            .close(id, AlertState.RESOLVED, clock.instant())
            .orElseThrow(() -> new IllegalStateException("alert " + id + " was closed meanwhile"));
    LOG.info(() -> "Alert " + id + " " + a.rule() + " on " + a.cache() + " resolved by hand");
    return closed;
  }
}
