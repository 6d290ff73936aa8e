package io.stratacache.cache;

import io.stratacache.cache.tier.TierEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The write-behind queue of one cache's store tier: writes wait here, coalesced per key (only the
 * newest value of a key is written), and a flusher writes them in rounds of at most {@code
 * batchSize} every {@code delay}.
 *
 * <ul>
 *   <li><b>Back-pressure</b>: at {@code capacity} distinct keys, a writer of a new key waits up to
 *       {@code block} for room, then writes to the store itself (never dropped). While the store's
 *       breaker is open it does not wait (the write is skipped and the key marked for repair).
 *   <li><b>Retries</b>: a failed write stays queued and is retried after {@code backoff}, doubled
 *       per attempt up to {@code maxBackoff}; after {@code maxAttempts} it is given up, logged at
 *       WARNING and counted in {@link WriteBehindStats#failed()}. While the breaker is open no
 *       attempt is spent: the round stops and the queue waits.
 *   <li><b>Order per key</b>: the flusher, a writer writing through and an invalidation of a key
 *       touch the store under the key's stripe lock, and bulk invalidations under an exclusive
 *       lock, so a queued older value never lands after an invalidation or a newer write.
 *   <li><b>Shutdown</b>: {@link #close()} flushes everything, retrying for up to {@code
 *       shutdownTimeout}; what remains is logged and counted as failed.
 * </ul>
 *
 * <p>Thread-safe. The read path asks {@link #pending} before the store, so this instance reads its
 * own queued writes.
 */
final class WriteBehind {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());
  private static final int STRIPES = 64;

  private final String cacheName;
  private final GuardedTier<byte[]> store;
  private final CacheSettings.WriteBehind settings;
  private final CacheClock clock;

  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
  private final Object[] stripes = new Object[STRIPES];
  private final ReentrantReadWriteLock bulk = new ReentrantReadWriteLock();
  private final ReentrantLock roomLock = new ReentrantLock();
  private final Condition room = roomLock.newCondition();
  private final Object flushing = new Object();
  private volatile ScheduledFuture<?> schedule;
  private volatile boolean closed;
  private boolean failedThisRound;

  private final LongAdder written = new LongAdder();
  private final LongAdder coalesced = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder backPressureWaits = new LongAdder();
  private final LongAdder writtenThrough = new LongAdder();

  /** One queued write: immutable, replaced as a whole so the flusher can tell it was superseded. */
  private record Pending(TierEntry<byte[]> entry, int attempts, long notBefore) {}

  WriteBehind(
      String cacheName,
      GuardedTier<byte[]> store,
      CacheSettings.WriteBehind settings,
      CacheClock clock) {
    this.cacheName = cacheName;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  /** Starts flushing every {@code delay} on {@code scheduler}. */
  void start(ScheduledExecutorService scheduler) {
    long delay = settings.delay().toMillis();
    schedule =
        scheduler.scheduleWithFixedDelay(this::flushAllDue, delay, delay, TimeUnit.MILLISECONDS);
  }

  /**
   * Queues the store write of {@code entry}, replacing a queued write of the same key. Blocks up to
   * {@code block} when the queue is full, then writes through.
   */
  void enqueue(String key, TierEntry<byte[]> entry) {
    if (closed) {
      writeThrough(key, entry);
      return;
    }
    if (!pending.containsKey(key) && pending.mappingCount() >= settings.capacity()) {
      if (!awaitRoom()) {
        writeThrough(key, entry);
        return;
      }
    }
    Pending[] previous = new Pending[1];
    pending.compute(
        key,
        (k, old) -> {
          previous[0] = old;
          return old == null
              ? new Pending(entry, 0, Long.MIN_VALUE)
              : new Pending(entry, old.attempts, old.notBefore);
        });
    if (previous[0] == null) {
      order.add(key);
    } else {
      coalesced.increment();
    }
  }

  /** Waits for room; false if there is still none (or the store is open, so none will come). */
  private boolean awaitRoom() {
    if (!store.isClosed() || settings.block().isZero()) {
      return pending.mappingCount() < settings.capacity();
    }
    backPressureWaits.increment();
    long remaining = settings.block().toNanos();
    roomLock.lock();
    try {
      while (pending.mappingCount() >= settings.capacity() && remaining > 0) {
        remaining = room.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      roomLock.unlock();
    }
    return pending.mappingCount() < settings.capacity();
  }

  private void writeThrough(String key, TierEntry<byte[]> entry) {
    writtenThrough.increment();
    bulk.readLock().lock();
    try {
      synchronized (stripe(key)) {
        pending.remove(key);
        store.put(key, entry);
      }
    } finally {
      bulk.readLock().unlock();
    }
  }

  /** The queued entry of {@code key}, or null: the read path's view of writes not yet flushed. */
  TierEntry<byte[]> pending(String key) {
    Pending p = pending.get(key);
    return p == null ? null : p.entry;
  }

  /** Drops the queued write of {@code key} and runs the store removal, in order with flushes. */
  void invalidate(String key, Runnable storeRemoval) {
    bulk.readLock().lock();
    try {
      synchronized (stripe(key)) {
        pending.remove(key);
        storeRemoval.run();
      }
    } finally {
      bulk.readLock().unlock();
    }
  }

  /**
   * Drops the queued writes that {@code matches} and runs the store's bulk removal, exclusively.
   */
  void invalidateAll(BiPredicate<String, TierEntry<byte[]>> matches, Runnable storeRemoval) {
    bulk.writeLock().lock();
    try {
      pending.entrySet().removeIf(e -> matches.test(e.getKey(), e.getValue().entry));
      storeRemoval.run();
    } finally {
      bulk.writeLock().unlock();
    }
    signalRoom();
  }

  /** Runs flush rounds while they find a full batch of due writes (the scheduled task). */
  void flushAllDue() {
    try {
      while (flushDue() >= settings.batchSize()) {
        // a burst: keep going
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "cache {0}: write-behind round failed: {1}",
          new Object[] {cacheName, e.toString()});
    }
  }

  /**
   * One round: writes up to {@code batchSize} queued writes whose backoff has passed, oldest first.
   *
   * @return how many writes were attempted
   */
  int flushDue() {
    return flush(false);
  }

  private int flush(boolean force) {
    synchronized (flushing) {
      long now = clock.millis();
      int attempted = 0;
      int scanned = 0;
      int queued = order.size();
      failedThisRound = false;
      List<String> later = new ArrayList<>();
      String key;
      try {
        while (attempted < settings.batchSize()
            && scanned++ < queued
            && (key = order.poll()) != null) {
          Pending p = pending.get(key);
          if (p == null) {
            continue;
          }
          if (!force && p.notBefore > now) {
            later.add(key);
            continue;
          }
          int outcome = write(key, p, force);
          if (outcome == GuardedTier.SKIPPED) {
            later.add(key);
            break;
          }
          attempted++;
          if (outcome == GuardedTier.FAILED) {
            failedThisRound = true;
            retryOrGiveUp(key, p, now);
            if (pending.containsKey(key)) {
              later.add(key);
            }
          } else if (!pending.remove(key, p) && pending.containsKey(key)) {
            later.add(key);
          }
        }
      } finally {
        order.addAll(later);
      }
      signalRoom();
      return attempted;
    }
  }

  private int write(String key, Pending p, boolean force) {
    bulk.readLock().lock();
    try {
      synchronized (stripe(key)) {
        if (pending.get(key) != p) {
          return GuardedTier.WRITTEN; // superseded or invalidated meanwhile: nothing to write now
        }
        int outcome = store.tryPut(key, p.entry, force);
        if (outcome == GuardedTier.WRITTEN) {
          written.increment();
        }
        return outcome;
      }
    } finally {
      bulk.readLock().unlock();
    }
  }

  private void retryOrGiveUp(String key, Pending p, long now) {
    int attempts = p.attempts + 1;
    if (attempts >= settings.maxAttempts()) {
      if (pending.remove(key, p)) {
        failed.increment();
        LOG.log(
            Level.WARNING,
            "cache {0}: write-behind of key {1} to the store given up after {2} attempts",
            new Object[] {cacheName, key, attempts});
      }
      return;
    }
    long backoff =
        Math.min(
            settings.maxBackoff().toMillis(),
            settings.backoff().toMillis() << Math.min(30, attempts - 1));
    if (pending.replace(key, p, new Pending(p.entry, attempts, now + backoff))) {
      retries.increment();
    }
  }

  private void signalRoom() {
    roomLock.lock();
    try {
      room.signalAll();
    } finally {
      roomLock.unlock();
    }
  }

  /**
   * Stops the schedule and flushes every queued write, bypassing backoff and the breaker, in up to
   * {@code maxAttempts} rounds within {@code shutdownTimeout}; what is left is logged and counted
   * as failed. Later writes go straight to the store.
   */
  void close() {
    closed = true;
    ScheduledFuture<?> s = schedule;
    if (s != null) {
      s.cancel(false);
    }
    long deadline = clock.millis() + settings.shutdownTimeout().toMillis();
    long pause = settings.backoff().toMillis();
    while (!pending.isEmpty() && clock.millis() <= deadline) {
      if (flush(true) == 0) {
        break;
      }
      if (failedThisRound && !pending.isEmpty()) {
        try {
          TimeUnit.MILLISECONDS.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        pause = Math.min(pause * 2, settings.maxBackoff().toMillis());
      }
    }
    long lost = pending.mappingCount();
    if (lost > 0) {
      failed.add(lost);
      pending.clear();
      order.clear();
      LOG.log(
          Level.WARNING,
          "cache {0}: {1} write-behind writes could not reach the store before shutdown; lost",
          new Object[] {cacheName, lost});
    }
  }

  WriteBehindStats stats() {
    return new WriteBehindStats(
        pending.mappingCount(),
        written.sum(),
        coalesced.sum(),
        retries.sum(),
        failed.sum(),
        backPressureWaits.sum(),
        writtenThrough.sum());
  }

  /** The queued writes, for tests. */
  Map<String, TierEntry<byte[]>> snapshot() {
    Map<String, TierEntry<byte[]>> copy = new java.util.LinkedHashMap<>();
    pending.forEach((k, p) -> copy.put(k, p.entry));
    return copy;
  }

  private Object stripe(String key) {
    int h = key.hashCode();
    return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }
}
