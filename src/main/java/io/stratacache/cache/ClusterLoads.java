package io.stratacache.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster-wide single-flight of one cache's loads: a miss takes the cluster's lease on the key
 * before calling the loader; an instance that finds the lease taken waits for that load (at most
 * {@code single-flight.wait}, in at most four rounds) and reads its value from the grid. After the
 * wait, or if coordination fails, it loads itself: coordination saves loads, it never blocks one.
 * Thread-safe.
 */
final class ClusterLoads {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());
  private static final int MAX_ROUNDS = 3;

  private final String name;
  private final LoadCoordinator coordinator;
  private final CacheSettings.ClusterLoad settings;
  private final Duration gridTimeout;
  private final CacheClock clock;
  private final CacheCounters counters;

  ClusterLoads(
      CacheSettings settings,
      LoadCoordinator coordinator,
      CacheClock clock,
      CacheCounters counters) {
    this.name = settings.name();
    this.coordinator = coordinator;
    this.settings = settings.clusterLoad();
    this.gridTimeout = settings.gridTimeout();
    this.clock = clock;
    this.counters = counters;
  }

  /** Whether loads are coordinated now: a coordinator, the setting on, the grid tier up. */
  boolean applies(GuardedTier<byte[]> grid) {
    return coordinator != LoadCoordinator.none()
        && grid != null
        && settings.enabled()
        && grid.isClosed();
  }

  /** Whether a load takes a cluster lease: {@link #applies}, and another member may load too. */
  boolean coordinatesLoads(GuardedTier<byte[]> grid) {
    return applies(grid) && !coordinator.alone();
  }

  /**
   * The cluster's leases of a batch of keys, taken at once: the keys granted map to their lease,
   * keys another instance holds are missing; null if coordination failed (then the batch loads here
   * without leases, as a single load would).
   */
  Map<String, LoadCoordinator.Lease> acquireAll(Collection<String> keys) {
    try {
      return coordinator.tryAcquireAll(name, keys, settings.lease(), gridTimeout);
    } catch (RuntimeException e) {
      LOG.log(
          Level.FINE,
          "cache {0}: no cluster leases for {1} keys: {2}",
          new Object[] {name, keys.size(), e.toString()});
      return null;
    }
  }

  /**
   * The value of {@code key}: read from the grid once another instance loaded it, or loaded here.
   *
   * @param readGrid the key's fresh value in the grid, or null if none
   * @param loadHere calls the loader (and publishes its value)
   */
  Object load(String key, Supplier<Object> readGrid, Supplier<Object> loadHere) {
    long deadline = Lifetimes.plus(clock.millis(), settings.maxWait().toMillis());
    for (int round = 0; ; round++) {
      LoadCoordinator.Lease lease = tryLease(key, "");
      if (lease == NO_COORDINATION) {
        return loadHere.get();
      }
      if (lease != null) {
        try {
          // Another instance may have published and released since our grid miss.
          Object found = readGrid.get();
          return found != null ? found : loadHere.get();
        } finally {
          lease.close();
        }
      }
      long remaining = deadline - clock.millis();
      if (round >= MAX_ROUNDS || remaining <= 0) {
        counters.remoteLoadTimeout();
        return loadHere.get();
      }
      counters.remoteLoadWait();
      boolean released;
      try {
        released = coordinator.awaitRelease(name, key, Duration.ofMillis(remaining));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return loadHere.get();
      } catch (RuntimeException e) {
        return loadHere.get();
      }
      Object found = readGrid.get();
      if (found != null) {
        counters.remoteLoadServed();
        return found;
      }
      if (!released) {
        counters.remoteLoadTimeout();
        LOG.log(
            Level.FINE,
            "cache {0}: waited {1} for another instance to load {2}; loading here",
            new Object[] {name, settings.maxWait(), key});
        return loadHere.get();
      }
      // Released without a value (its load failed or was invalidated): try to take the lease.
    }
  }

  /**
   * Runs {@code action} holding the cluster's lease on {@code key}: no other instance runs an
   * exclusive action or a coordinated load of the key meanwhile. Waits for another holder's release
   * up to the lease's lifetime ({@code single-flight.lease}, after which a crashed holder's lease
   * has expired); when coordination itself fails the action runs without the lease, as a load
   * would.
   *
   * @throws IllegalStateException if the lease could not be had within its lifetime, or the wait
   *     was interrupted
   */
  <T> T exclusive(String key, Supplier<T> action) {
    long deadline = Lifetimes.plus(clock.millis(), settings.lease().toMillis());
    for (; ; ) {
      LoadCoordinator.Lease lease = tryLease(key, "exclusive ");
      if (lease == NO_COORDINATION) {
        return action.get();
      }
      if (lease != null) {
        try {
          return action.get();
        } finally {
          lease.close();
        }
      }
      long remaining = deadline - clock.millis();
      if (remaining <= 0) {
        throw new IllegalStateException(
            "cache "
                + name
                + ": another instance held key "
                + key
                + " longer than single-flight.lease ("
                + settings.lease()
                + ")");
      }
      try {
        coordinator.awaitRelease(name, key, Duration.ofMillis(Math.min(remaining, 1_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the lease of " + key, e);
      } catch (RuntimeException e) {
        return action.get();
      }
    }
  }

  /** What {@link #tryLease} answers when coordination itself failed (the caller goes on alone). */
  private static final LoadCoordinator.Lease NO_COORDINATION = () -> {};

  /**
   * The cluster's lease on {@code key}: null if another instance holds it, {@link #NO_COORDINATION}
   * if the call failed (logged at FINE with {@code purpose}).
   */
  private LoadCoordinator.Lease tryLease(String key, String purpose) {
    try {
      return coordinator.tryAcquire(name, key, settings.lease(), gridTimeout);
    } catch (RuntimeException e) {
      LOG.log(
          Level.FINE,
          "cache {0}: no cluster lease for {1}{2}: {3}",
          new Object[] {name, purpose, key, e.toString()});
      return NO_COORDINATION;
    }
  }
}
