package io.stratacache.cache;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reservation that keeps a slow load from publishing a value older than a write or invalidation
 * of its key. Keys hash onto {@link #STRIPES} stripes, each with a generation. A put or key
 * invalidation changes the tiers and then increments its stripe's generation, holding the stripe's
 * lock ({@link #writeKey}); tag, pattern and clear invalidations do the same with a global
 * generation under a write lock ({@link #writeAll}). A reader takes a {@link Ticket} (both
 * generations) before it reads any tier, and {@link #publish}es its result under the same locks
 * only if neither moved. So a load that overlapped a write or invalidation of its key (or, rarely,
 * of another key of its stripe) answers its callers but caches nothing. Thread-safe.
 */
final class PublicationGuard {
  static final int STRIPES = 1024;

  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private final Object[] stripeLocks = new Object[STRIPES];
  private final ReentrantReadWriteLock globalLock = new ReentrantReadWriteLock();
  private volatile long globalGeneration;

  PublicationGuard() {
    for (int i = 0; i < STRIPES; i++) {
      stripeLocks[i] = new Object();
    }
  }

  /** The generations a reader of {@code key} sees now, before reading any tier. */
  Ticket ticket(String key) {
    return new Ticket(this, key);
  }

  /** Runs a change of {@code key} in the tiers, then moves its stripe's generation. */
  void writeKey(String key, Runnable change) {
    int stripe = stripe(key);
    globalLock.readLock().lock();
    try {
      synchronized (stripeLocks[stripe]) {
        try {
          change.run();
        } finally {
          generations.incrementAndGet(stripe);
        }
      }
    } finally {
      globalLock.readLock().unlock();
    }
  }

  /** Runs a change of many keys (tag, pattern, clear), then moves the global generation. */
  void writeAll(Runnable change) {
    globalLock.writeLock().lock();
    try {
      change.run();
    } finally {
      globalGeneration++;
      globalLock.writeLock().unlock();
    }
  }

  /**
   * Runs {@code writes} only if no write or invalidation touched the ticket's key since it was
   * taken.
   *
   * @return whether the writes ran
   */
  boolean publish(Ticket ticket, Runnable writes) {
    globalLock.readLock().lock();
    try {
      synchronized (stripeLocks[ticket.stripe]) {
        if (!ticket.isCurrent()) {
          return false;
        }
        writes.run();
        return true;
      }
    } finally {
      globalLock.readLock().unlock();
    }
  }

  private static int stripe(String key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  /** The generations a reader saw before reading any tier. */
  static class Ticket {
    private final PublicationGuard guard;
    private final int stripe;
    private final long generation;
    private final long global;

    Ticket(PublicationGuard guard, String key) {
      this.guard = guard;
      this.stripe = stripe(key);
      this.global = guard.globalGeneration;
      this.generation = guard.generations.get(stripe);
    }

    /** Whether no write or invalidation of the key (or a bulk one) happened since. */
    boolean isCurrent() {
      return guard.generations.get(stripe) == generation && guard.globalGeneration == global;
    }
  }
}
