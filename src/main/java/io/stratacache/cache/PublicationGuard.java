package io.stratacache.cache;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

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
  private final ReentrantLock[] stripeLocks = new ReentrantLock[STRIPES];
  private final ReentrantReadWriteLock globalLock = new ReentrantReadWriteLock();
  private volatile long globalGeneration;

  /**
   * Moved by pattern invalidations and clears only: what a tagged ticket checks of bulk changes.
   */
  private volatile long bulkGeneration;

  /** Moved by tag invalidations, one generation per stripe of tag names. */
  private final AtomicLongArray tagGenerations = new AtomicLongArray(TAG_STRIPES);

  static final int TAG_STRIPES = 4096;

  PublicationGuard() {
    for (int i = 0; i < STRIPES; i++) {
      stripeLocks[i] = new ReentrantLock();
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
    stripeLocks[stripe].lock();
    try {
      change.run();
    } finally {
      generations.incrementAndGet(stripe);
      stripeLocks[stripe].unlock();
      globalLock.readLock().unlock();
    }
  }

  /** Runs a change of many keys (pattern, clear), then moves the global generation. */
  void writeAll(Runnable change) {
    globalLock.writeLock().lock();
    try {
      change.run();
    } finally {
      bulkGeneration++;
      globalGeneration++;
      globalLock.writeLock().unlock();
    }
  }

  /**
   * Runs an invalidation of the entries tagged {@code tag}, then moves the global generation (a
   * load that does not know its tags cannot publish) and the tag's own: a {@linkplain
   * #ticket(String, Collection) tagged ticket} is refused only by an invalidation of one of its
   * tags, so a tag invalidation does not refuse every fill in flight.
   */
  void writeTag(String tag, Runnable change) {
    globalLock.writeLock().lock();
    try {
      change.run();
    } finally {
      tagGenerations.incrementAndGet(tagStripe(tag));
      globalGeneration++;
      globalLock.writeLock().unlock();
    }
  }

  /**
   * The generations a fill of {@code key} whose value carries exactly {@code tags} sees now: bulk
   * invalidations (pattern, clear) and those of its tags count, other tags' do not.
   */
  Ticket ticket(String key, Collection<String> tags) {
    return new Ticket(this, key, tags);
  }

  /**
   * Runs {@code writes} only if no write or invalidation touched the ticket's key since it was
   * taken.
   *
   * @return whether the writes ran
   */
  boolean publish(Ticket ticket, Runnable writes) {
    globalLock.readLock().lock();
    stripeLocks[ticket.stripe].lock();
    try {
      if (!ticket.isCurrent()) {
        return false;
      }
      writes.run();
      return true;
    } finally {
      stripeLocks[ticket.stripe].unlock();
      globalLock.readLock().unlock();
    }
  }

  /**
   * Runs {@code writes} only if the ticket is still current, as {@link #publish} does, and then
   * moves the key's stripe generation, as {@link #writeKey} does: a conditional fill that, once
   * stored, counts as a write of the key (a load of the key in flight will not publish over it).
   *
   * @return whether the writes ran
   */
  boolean publishAsWrite(Ticket ticket, Runnable writes) {
    globalLock.readLock().lock();
    stripeLocks[ticket.stripe].lock();
    try {
      if (!ticket.isCurrent()) {
        return false;
      }
      try {
        writes.run();
      } finally {
        generations.incrementAndGet(ticket.stripe);
      }
      return true;
    } finally {
      stripeLocks[ticket.stripe].unlock();
      globalLock.readLock().unlock();
    }
  }

  /**
   * A ticket of {@code key} whose global generation is {@code earlier}'s: for a key a fill writes
   * that was not known when the fill began (its stripe is read now, its bulk invalidations since
   * {@code earlier} still count).
   */
  Ticket ticketSince(Ticket earlier, String key) {
    return new Ticket(this, key, earlier);
  }

  /**
   * Runs a change of many keys (a bulk put or invalidation of given keys), then moves the
   * generation of each of their stripes: what {@link #writeKey} does for each key, with every
   * stripe locked at once (in ascending order, so bulk writers cannot deadlock each other).
   */
  void writeKeys(Collection<String> keys, Runnable change) {
    int[] stripes = stripes(keys);
    globalLock.readLock().lock();
    lock(stripes);
    try {
      change.run();
    } finally {
      for (int stripe : stripes) {
        generations.incrementAndGet(stripe);
      }
      unlock(stripes);
      globalLock.readLock().unlock();
    }
  }

  /**
   * Runs {@code writes} for the keys whose ticket is still current, all stripes locked at once: the
   * bulk form of {@link #publish}, one batch of tier writes instead of one per key.
   *
   * @param tickets each key's ticket, taken before its tiers were read
   * @return the keys published (those no write or invalidation touched meanwhile)
   */
  List<String> publishAll(Map<String, ? extends Ticket> tickets, Consumer<List<String>> writes) {
    if (tickets.isEmpty()) {
      return List.of();
    }
    int[] stripes = stripes(tickets.keySet());
    globalLock.readLock().lock();
    lock(stripes);
    try {
      List<String> current = new ArrayList<>(tickets.size());
      tickets.forEach(
          (key, ticket) -> {
            if (ticket.isCurrent()) {
              current.add(key);
            }
          });
      if (!current.isEmpty()) {
        writes.accept(current);
      }
      return current;
    } finally {
      unlock(stripes);
      globalLock.readLock().unlock();
    }
  }

  /** The distinct stripes of {@code keys}, ascending. */
  private static int[] stripes(Collection<String> keys) {
    BitSet seen = new BitSet(STRIPES);
    for (String key : keys) {
      seen.set(stripe(key));
    }
    return seen.stream().toArray();
  }

  private void lock(int[] stripes) {
    for (int stripe : stripes) {
      stripeLocks[stripe].lock();
    }
  }

  private void unlock(int[] stripes) {
    for (int i = stripes.length - 1; i >= 0; i--) {
      stripeLocks[stripes[i]].unlock();
    }
  }

  private static int tagStripe(String tag) {
    int h = tag.hashCode();
    return (h ^ (h >>> 16)) & (TAG_STRIPES - 1);
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

    /** The version of the entry or tombstone the reader met in the grid, 0 if none (or unread). */
    long gridSeen;

    /** The same for the store. */
    long storeSeen;

    /** For a tagged ticket: the tag stripes and their generations; null for an untagged one. */
    private final int[] tagStripes;

    private final long[] tagSeen;
    private final long bulk;

    Ticket(PublicationGuard guard, String key) {
      this.guard = guard;
      this.stripe = stripe(key);
      this.global = guard.globalGeneration;
      this.bulk = guard.bulkGeneration;
      this.generation = guard.generations.get(stripe);
      this.tagStripes = null;
      this.tagSeen = null;
    }

    Ticket(PublicationGuard guard, String key, Collection<String> tags) {
      this.guard = guard;
      this.stripe = stripe(key);
      // read before the stripes: a tag invalidation moves its stripe before the global generation
      this.global = guard.globalGeneration;
      this.bulk = guard.bulkGeneration;
      this.tagStripes = tags.stream().mapToInt(PublicationGuard::tagStripe).distinct().toArray();
      this.tagSeen = new long[tagStripes.length];
      for (int i = 0; i < tagStripes.length; i++) {
        tagSeen[i] = guard.tagGenerations.get(tagStripes[i]);
      }
      this.generation = guard.generations.get(stripe);
    }

    /** A ticket of another key with what {@code earlier} saw of bulk and tag invalidations. */
    private Ticket(PublicationGuard guard, String key, Ticket earlier) {
      this.guard = guard;
      this.stripe = stripe(key);
      this.global = earlier.global;
      this.bulk = earlier.bulk;
      this.tagStripes = earlier.tagStripes;
      this.tagSeen = earlier.tagSeen;
      this.generation = guard.generations.get(stripe);
    }

    /** Notes what the reader met in the grid (null: nothing, or the read failed). */
    void sawGrid(io.stratacache.cache.tier.TierEntry<?> entry) {
      gridSeen = entry == null ? 0 : entry.version();
    }

    /** Notes what the reader met in the store. */
    void sawStore(io.stratacache.cache.tier.TierEntry<?> entry) {
      storeSeen = entry == null ? 0 : entry.version();
    }

    /** Whether no write or invalidation of the key (or a bulk one) happened since. */
    boolean isCurrent() {
      if (guard.generations.get(stripe) != generation) {
        return false;
      }
      if (tagStripes == null) {
        return guard.globalGeneration == global;
      }
      if (guard.bulkGeneration != bulk) {
        return false;
      }
      for (int i = 0; i < tagStripes.length; i++) {
        if (guard.tagGenerations.get(tagStripes[i]) != tagSeen[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
