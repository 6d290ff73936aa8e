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
  private final AtomicLong versions = new AtomicLong();

  TierWrites(
      TierSet tiers,
      WriteBehind writeBehind,
      PayloadEncoder<V> encoder,
      Lifetimes lifetimes,
      CacheClock clock) {
    this.near = tiers.near;
    this.grid = tiers.grid;
    this.store = tiers.store;
    this.tiers = tiers.all;
    this.writeBehind = writeBehind;
    this.encoder = encoder;
    this.lifetimes = lifetimes;
    this.clock = clock;
  }

  /**
   * The entries of one write, computed before taking any lock. Versions grow strictly and follow
   * the clock (microseconds), so a later write of any instance usually has the larger one.
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
    long version = versions.updateAndGet(v -> Math.max(v + 1, now * 1000));
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
        if (store != null) {
          removeFromStore(key);
        }
        if (grid != null) {
          grid.remove(key);
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
      if (store != null) {
        removeAllFromStore(keys);
      }
      if (grid != null) {
        grid.removeAll(keys);
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

  /** Removes {@code keys} from every tier, one bulk call per tier (near, grid, store). */
  void removeAll(Collection<String> keys) {
    if (near != null) {
      near.removeAll(keys);
    }
    if (grid != null) {
      grid.removeAll(keys);
    }
    if (store != null) {
      removeAllFromStore(keys);
    }
  }

  private void removeAllFromStore(Collection<String> keys) {
    if (writeBehind != null) {
      keys.forEach(this::removeFromStore);
    } else {
      store.removeAll(keys);
    }
  }

  /** Removes {@code key} from every tier (near, grid, store). */
  void remove(String key) {
    if (near != null) {
      near.remove(key);
    }
    if (grid != null) {
      grid.remove(key);
    }
    if (store != null) {
      removeFromStore(key);
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

  private void removeFromStore(String key) {
    if (writeBehind != null) {
      writeBehind.invalidate(key, () -> store.remove(key));
    } else {
      store.remove(key);
    }
  }
}
