package io.stratacache.cache;

import java.time.Duration;

/**
 * The SPI of the cluster-wide single-flight: before calling its loader on a miss, an instance takes
 * a lease on the key in the cluster; an instance that finds another's lease waits for it to be
 * released (the holder has then published its value to the grid) and reads the grid instead of
 * loading.
 *
 * <p>The core keeps its local single-flight slot in front, so one instance asks at most once per
 * key at a time. Implementations must be thread-safe; a method that fails throws a {@link
 * RuntimeException} and the core then loads without coordination (never an error to the caller).
 */
public interface LoadCoordinator {

  /**
   * Whether this instance is the cluster's only member: then no other instance can be loading a
   * key, and the core loads without asking for leases (two grid calls and two events less per
   * miss). A member that joins meanwhile may load a key a second time; fills are conditional
   * (§8.5), so that costs a load, never a stale value. {@link TieredCache#exclusive} still takes
   * its lease. The default: false (always coordinate).
   */
  default boolean alone() {
    return false;
  }

  /**
   * Tries to take the cluster's lease to load {@code key} of {@code cache}.
   *
   * @param lease how long the lease lives if never released (its holder crashed)
   * @param timeout bound of the call
   * @return the lease, to be closed after the loaded value was published; null if another instance
   *     holds it
   */
  Lease tryAcquire(String cache, String key, Duration lease, Duration timeout);

  /**
   * Tries to take the leases of many keys of {@code cache} at once (a bulk load): the keys granted
   * map to their lease; keys another instance holds are missing. The default asks key by key; an
   * implementation overrides it to take a batch in one bounded call.
   *
   * @param timeout bound of one key's call (a batch may take ten times as long)
   * @throws RuntimeException if coordination fails; leases already taken are then released
   */
  default java.util.Map<String, Lease> tryAcquireAll(
      String cache, java.util.Collection<String> keys, Duration lease, Duration timeout) {
    java.util.Map<String, Lease> granted = new java.util.HashMap<>();
    try {
      for (String key : keys) {
        Lease l = tryAcquire(cache, key, lease, timeout);
        if (l != null) {
          granted.put(key, l);
        }
      }
      return granted;
    } catch (RuntimeException e) {
      granted.values().forEach(Lease::close);
      throw e;
    }
  }

  /**
   * Waits until the lease on {@code key} is released or expires, at most {@code timeout}.
   *
   * @return true if it was released (or had expired) within the time, false on timeout
   */
  boolean awaitRelease(String cache, String key, Duration timeout) throws InterruptedException;

  /** A held lease; {@link #close} releases it (asynchronously, without throwing). */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /** No coordination: every instance loads on its own. */
  static LoadCoordinator none() {
    return None.INSTANCE;
  }

  /** The single-instance coordinator: every lease is granted at once. */
  enum None implements LoadCoordinator {
    INSTANCE;

    @Override
    public Lease tryAcquire(String cache, String key, Duration lease, Duration timeout) {
      return () -> {};
    }

    @Override
    public boolean awaitRelease(String cache, String key, Duration timeout) {
      return true;
    }
  }
}
