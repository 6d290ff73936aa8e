package io.stratacache.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a remote tier may hold stale after it was skipped: the keys whose write or removal was
 * skipped or failed while it was away, or, past {@link #MAX_KEYS} keys or after a missed bulk
 * invalidation, "everything" (the cache's part of the tier is cleared instead). Such keys read as
 * misses until {@link #repair} removed them from the tier. Thread-safe.
 */
final class RejoinRepair {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());

  /** Above this many keys to repair, the tier's part of the cache is cleared on rejoin instead. */
  static final int MAX_KEYS = 10_000;

  private final String cacheName;
  private final String tierName;
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private volatile boolean byClear;

  /** How many times a clear was marked (under this object's lock). */
  private long clearMarks;

  RejoinRepair(String cacheName, String tierName) {
    this.cacheName = cacheName;
    this.tierName = tierName;
  }

  /** A write or removal of {@code key} did not reach the tier. */
  void mark(String key) {
    if (keys.size() >= MAX_KEYS) {
      markAll();
    } else {
      keys.add(key);
    }
  }

  /** A bulk invalidation (tag, pattern, clear) did not reach the tier. */
  synchronized void markAll() {
    clearMarks++;
    byClear = true;
  }

  /** A write or removal of {@code key} reached the tier: it is current again. */
  void written(String key) {
    keys.remove(key);
  }

  /** Whether {@code key} may be stale in the tier. */
  boolean awaits(String key) {
    return byClear || (!keys.isEmpty() && keys.contains(key));
  }

  /** Whether anything waits for repair. */
  boolean pending() {
    return byClear || !keys.isEmpty();
  }

  /** Keys waiting for repair, {@link Integer#MAX_VALUE} if a clear is. */
  int size() {
    return byClear ? Integer.MAX_VALUE : keys.size();
  }

  /**
   * Removes from the tier what it may hold stale; what fails stays for the next attempt.
   *
   * @param clear clears the cache's part of the tier
   * @param remove removes one key from the tier
   * @throws RuntimeException what the tier threw (the keys not yet removed stay marked)
   */
  void repair(Runnable clear, Consumer<String> remove) {
    if (byClear) {
      long seen;
      synchronized (this) {
        seen = clearMarks;
      }
      keys.clear();
      clear.run();
      synchronized (this) {
        // a bulk invalidation that failed while the clear ran marked it again: keep that mark
        if (clearMarks == seen) {
          byClear = false;
        }
      }
      LOG.log(
          Level.INFO, "cache {0}: {1} tier cleared on rejoin", new Object[] {cacheName, tierName});
      return;
    }
    int repaired = 0;
    for (String key : keys) {
      remove.accept(key);
      keys.remove(key);
      repaired++;
    }
    if (repaired > 0) {
      LOG.log(
          Level.INFO,
          "cache {0}: {1} tier repaired on rejoin: {2} keys written meanwhile removed",
          new Object[] {cacheName, tierName, repaired});
    }
  }
}
