package io.stratacache.cache;

import io.stratacache.cache.tier.TierEntry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The write path of one cache: the entries of one write (encoded once, one jitter factor, one
 * version, each tier's retention from {@link Lifetimes}) and how they reach the tiers under a
 * {@link WritePolicy} (store, then grid, then near); and removals, whose store part also drops the
 * matching writes queued behind. The caller holds the {@link PublicationGuard} around the changes.
 * Thread-safe.
 */
final class TierWrites<V> {
  private final GuardedTier<Object> near;
  private final GuardedTier<byte[]> grid;
  private final GuardedTier<byte[]> store;
  private final List<GuardedTier<?>> tiers;
  private final WriteBehind writeBehind;
  private final PayloadEncoder<V> encoder;
  private final Lifetimes lifetimes;
  private final CacheClock clock;

  /** What versions follow ({@link CacheClock#precise}): never a trailing coarse clock. */
  private final CacheClock versionClock;

  private final AtomicLong versions = new AtomicLong();

  /**
   * This writer's low bits of every version: versions of two instances differ unless they draw the
   * same salt (1 in {@value #SALTS}) and write in the same microsecond, so a conditional store
   * write comparing versions cannot mistake another instance's write for the one its reader saw.
   */
  private final long salt = java.util.concurrent.ThreadLocalRandom.current().nextInt(SALTS);

  static final int SALTS = 1024;
  private final long fenceMillis;

  TierWrites(
      TierSet tiers,
      WriteBehind writeBehind,
      PayloadEncoder<V> encoder,
      Lifetimes lifetimes,
      CacheClock clock,
      java.time.Duration fence) {
    this.fenceMillis = fence.toMillis();
    this.near = tiers.near;
    this.grid = tiers.grid;
    this.store = tiers.store;
    this.tiers = tiers.all;
    this.writeBehind = writeBehind;
    this.encoder = encoder;
    this.lifetimes = lifetimes;
    this.clock = clock;
    this.versionClock = clock.precise();
  }

  /**
   * The entries of one write, computed before taking any lock. Versions grow strictly and follow
   * the clock (microseconds, times {@value #SALTS}, plus this writer's salt), so a later write of
   * any instance usually has the larger one, and two instances' versions differ.
   *
   * @param value the value, or null for "not found"
   * @param ttl the caller's TTL, or null for the default lifetime
   * @throws io.stratacache.cache.codec.CodecException if the value cannot be encoded
   */
  Writes prepare(V value, Duration ttl, Set<String> tags) {
    long now = clock.millis();
    double f = lifetimes.jitterFactor();
    byte[] encoded = value == null ? null : encoder.encode(value);
    int weight = encoded == null ? 0 : encoded.length;
    long expiresAt = lifetimes.expiresAt(now, ttl, value == null, f);
    long version = nextVersion(now);
    TierEntry<byte[]> bytes = new TierEntry<>(encoded, expiresAt, expiresAt, version, tags, weight);
    return new Writes(
        near == null
            ? null
            : new TierEntry<Object>(
                value,
                expiresAt,
                lifetimes.nearRetention(now, f, expiresAt),
                version,
                tags,
                weight),
        grid == null ? null : bytes.withRetainUntil(lifetimes.gridRetention(now, f, expiresAt)),
        store == null ? null : bytes.withRetainUntil(lifetimes.storeRetention(now, f, expiresAt)));
  }

  /** This writer's salt: the low bits ({@code version % SALTS}) of every version it gives. */
  long salt() {
    return salt;
  }

  /**
   * A version larger than every one this writer gave so far and smaller than every one it gives
   * after: where an invalidation of this instance marks what it made old ({@link LateFills}).
   */
  long mark(long now) {
    return nextVersion(now);
  }

  private long nextVersion(long now) {
    // the precise time, not the coarse `now`: another instance compares these versions with marks
    // taken on its own clock (LateFills), and a coarse clock trails by as long as its ticking
    // thread is starved, tens of milliseconds on a saturated machine
    long at = Math.max(now, versionClock.millis());
    return versions.updateAndGet(v -> Math.max(v + 1, at * 1000)) * SALTS + salt;
  }

  /**
   * The tombstone an invalidation leaves in the grid and the store: it lives {@code
   * single-flight.lease}, the longest a load is expected to run, so a load that read the key before
   * the invalidation and publishes within that time is refused.
   */
  TierEntry<byte[]> tombstone() {
    long now = clock.millis();
    return TierEntry.tombstone(nextVersion(now), now + fenceMillis);
  }

  /** The entries of one write, one per enabled tier. */
  final class Writes {
    private final TierEntry<Object> nearEntry;
    private final TierEntry<byte[]> gridEntry;
    private final TierEntry<byte[]> storeEntry;

    private Writes(
        TierEntry<Object> nearEntry, TierEntry<byte[]> gridEntry, TierEntry<byte[]> storeEntry) {
      this.nearEntry = nearEntry;
      this.gridEntry = gridEntry;
      this.storeEntry = storeEntry;
    }

    /** Writes the entries of {@code key} (store, grid, near) as {@code policy} says. */
    void apply(String key, WritePolicy policy) {
      if (policy == WritePolicy.INVALIDATE_ONLY) {
        TierEntry<byte[]> tombstone = tombstone();
        if (store != null) {
          fenceInStore(key, tombstone);
        }
        if (grid != null) {
          grid.fence(key, tombstone);
        }
      } else {
        if (store != null) {
          if (policy == WritePolicy.WRITE_BEHIND && writeBehind != null) {
            writeBehind.enqueue(key, storeEntry);
          } else {
            store.put(key, storeEntry);
          }
        }
        if (grid != null) {
          grid.put(key, gridEntry);
        }
      }
      if (near != null) {
        near.put(key, nearEntry);
      }
    }

    /**
     * The shared part of a fenced fill ({@link ChainedCache#putIfCurrent}): store (written through,
     * also under write-behind: the fill may have to be taken back), then grid, unconditionally.
     */
    void applyShared(String key) {
      if (store != null) {
        store.put(key, storeEntry);
      }
      if (grid != null) {
        grid.put(key, gridEntry);
      }
    }

    /** The near part of a fenced fill, once the epochs were checked after the shared part. */
    void applyNear(String key) {
      if (near != null) {
        near.put(key, nearEntry);
      }
    }

    /**
     * Publishes a load's answer: grid, then store, each only if the key is still as {@code ticket}
     * saw it there ({@link GuardedTier#putIfVersion}); the near tier only if neither refused. A
     * skipped tier (open, failed) refuses nothing. The store is written through even under
     * write-behind: a fill is conditional, a queued write would land unconditionally later.
     *
     * <p>A "not found" answer that the grid took is not written to the store: it lives {@code
     * negative-ttl} (seconds), the grid's conditional write already fenced it (the store's adds no
     * fence: writers change the grid after the store, invalidations the grid before it), and
     * persisting it bought only a source query saved after a grid loss, at a database write per
     * unknown key (99,000 of a 100,000-key warm-up's store writes). With the grid skipped or absent
     * the store takes it, as before.
     *
     * @return whether every tier that answered accepted the value
     */
    boolean publish(String key, PublicationGuard.Ticket ticket) {
      boolean gridTook = false;
      if (grid != null) {
        int outcome = grid.putIfVersion(key, gridEntry, ticket.gridSeen);
        if (outcome == GuardedTier.REFUSED) {
          return false;
        }
        gridTook = outcome == GuardedTier.WRITTEN;
      }
      if (store != null
          && storeWants(gridTook)
          && store.putIfVersion(key, storeEntry, ticket.storeSeen) == GuardedTier.REFUSED) {
        return false;
      }
      if (near != null) {
        near.put(key, nearEntry);
      }
      return true;
    }

    /**
     * Whether a fill's store write is wanted once the grid answered {@code gridTook}: not for a
     * "not found" answer the grid took (see {@link #publish}).
     */
    boolean storeWants(boolean gridTook) {
      return !(gridTook && storeEntry.isNegative());
    }
  }

  /**
   * Moves the grid's invalidation epoch of {@code subject} (before a tag, pattern or clear
   * invalidation removes its entries), kept as long as a tombstone: {@code single-flight.lease}.
   */
  void moveEpoch(String subject) {
    if (grid != null) {
      long now = clock.millis();
      if (!grid.moveEpoch(subject, nextVersion(now), now + fenceMillis) && store != null) {
        // unfenced, a fill elsewhere may write the store after this invalidation removed its keys
        store.markAllForRepair();
      }
    }
  }

  /**
   * {@link #moveEpoch} for a repair's clear of {@code repaired}: when the grid itself is repaired a
   * failure is thrown (its clear must not run unfenced); for the store it is best effort, as any
   * invalidation's move is (with the grid away the store's repair still removes what is stale).
   */
  void moveEpochForRepair(String subject, GuardedTier<byte[]> repaired) {
    if (grid == null) {
      return;
    }
    long now = clock.millis();
    if (repaired != grid) {
      grid.moveEpoch(subject, nextVersion(now), now + fenceMillis); // not marking the store again
      return;
    }
    grid.moveEpochForRepair(subject, nextVersion(now), now + fenceMillis);
  }

  /**
   * The grid's invalidation epochs of {@code subjects}; null if unknown (no grid, or it failed).
   */
  Map<String, Long> epochs(Collection<String> subjects) {
    return grid == null ? null : grid.epochs(subjects);
  }

  /**
   * The bulk form of {@link Writes#publish} for the keys {@code keys} of {@code writes}: one
   * conditional bulk call per shared tier, the near tier for the keys neither refused.
   */
  void publishAll(
      Map<String, Writes> writes,
      Collection<String> keys,
      Map<String, ? extends PublicationGuard.Ticket> tickets) {
    java.util.Set<String> open = new java.util.LinkedHashSet<>(keys);
    java.util.Set<String> gridTook = Set.of();
    if (grid != null && !open.isEmpty()) {
      Map<String, TierEntry<byte[]>> batch = new HashMap<>(open.size() * 2);
      Map<String, Long> seen = new HashMap<>(open.size() * 2);
      for (String key : open) {
        batch.put(key, writes.get(key).gridEntry);
        seen.put(key, tickets.get(key).gridSeen);
      }
      java.util.Set<String> stored = grid.putAllIfVersion(batch, seen);
      if (stored != null) {
        open.retainAll(stored);
        gridTook = stored;
      }
    }
    if (store != null && !open.isEmpty()) {
      Map<String, TierEntry<byte[]>> batch = new HashMap<>(open.size() * 2);
      Map<String, Long> seen = new HashMap<>(open.size() * 2);
      for (String key : open) {
        Writes write = writes.get(key);
        if (!write.storeWants(gridTook.contains(key))) {
          continue;
        }
        batch.put(key, write.storeEntry);
        seen.put(key, tickets.get(key).storeSeen);
      }
      java.util.Set<String> stored =
          batch.isEmpty() ? Set.of() : store.putAllIfVersion(batch, seen);
      if (stored != null) {
        open.removeIf(key -> batch.containsKey(key) && !stored.contains(key));
      }
    }
    if (near != null && !open.isEmpty()) {
      Map<String, TierEntry<Object>> batch = new HashMap<>(open.size() * 2);
      for (String key : open) {
        batch.put(key, writes.get(key).nearEntry);
      }
      near.putAll(batch);
    }
  }

  /**
   * Writes the entries of {@code keys} (a subset of {@code writes}' keys) as {@code policy} says,
   * one bulk call per tier: store (or its write-behind queue, key by key), grid, near.
   */
  void applyAll(Map<String, Writes> writes, Collection<String> keys, WritePolicy policy) {
    if (keys.isEmpty()) {
      return;
    }
    if (policy == WritePolicy.INVALIDATE_ONLY) {
      TierEntry<byte[]> tombstone = tombstone();
      if (store != null) {
        fenceAllInStore(keys, tombstone);
      }
      if (grid != null) {
        grid.fenceAll(keys, tombstone);
      }
    } else {
      if (store != null) {
        if (policy == WritePolicy.WRITE_BEHIND && writeBehind != null) {
          for (String key : keys) {
            writeBehind.enqueue(key, writes.get(key).storeEntry);
          }
        } else {
          Map<String, TierEntry<byte[]>> batch = new HashMap<>(keys.size() * 2);
          for (String key : keys) {
            batch.put(key, writes.get(key).storeEntry);
          }
          store.putAll(batch);
        }
      }
      if (grid != null) {
        Map<String, TierEntry<byte[]>> batch = new HashMap<>(keys.size() * 2);
        for (String key : keys) {
          batch.put(key, writes.get(key).gridEntry);
        }
        grid.putAll(batch);
      }
    }
    if (near != null) {
      Map<String, TierEntry<Object>> batch = new HashMap<>(keys.size() * 2);
      for (String key : keys) {
        batch.put(key, writes.get(key).nearEntry);
      }
      near.putAll(batch);
    }
  }

  /**
   * Removes {@code keys} from every tier, one bulk call per tier (near, grid, store), leaving
   * tombstones in the grid and the store ({@link io.stratacache.cache.tier.Tier#fence}).
   */
  void removeAll(Collection<String> keys) {
    TierEntry<byte[]> tombstone = tombstone();
    if (near != null) {
      near.removeAll(keys);
    }
    if (grid != null) {
      grid.fenceAll(keys, tombstone);
    }
    if (store != null) {
      fenceAllInStore(keys, tombstone);
    }
  }

  private void fenceAllInStore(Collection<String> keys, TierEntry<byte[]> tombstone) {
    if (writeBehind != null) {
      keys.forEach(key -> fenceInStore(key, tombstone));
    } else {
      store.fenceAll(keys, tombstone);
    }
  }

  /**
   * Removes {@code key} from every tier (near, grid, store), leaving tombstones in the grid and the
   * store.
   */
  void remove(String key) {
    TierEntry<byte[]> tombstone = tombstone();
    if (near != null) {
      near.remove(key);
    }
    if (grid != null) {
      grid.fence(key, tombstone);
    }
    if (store != null) {
      fenceInStore(key, tombstone);
    }
  }

  private void fenceInStore(String key, TierEntry<byte[]> tombstone) {
    if (writeBehind != null) {
      writeBehind.invalidate(key, () -> store.fence(key, tombstone));
    } else {
      store.fence(key, tombstone);
    }
  }

  /** A bulk removal from every tier; the store's also drops the matching queued writes. */
  void removeAll(
      Consumer<GuardedTier<?>> removal, BiPredicate<String, TierEntry<byte[]>> queuedMatches) {
    for (GuardedTier<?> tier : tiers) {
      if (tier == store && writeBehind != null) {
        writeBehind.invalidateAll(queuedMatches, () -> removal.accept(store));
      } else {
        removal.accept(tier);
      }
    }
  }
}
