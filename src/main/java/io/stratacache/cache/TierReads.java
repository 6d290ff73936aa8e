package io.stratacache.cache;

import io.stratacache.cache.codec.CodecException;
import io.stratacache.cache.tier.TierEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The read path below the near tier: grid, then this instance's write-behind queue or the store. A
 * fresh hit is decoded, counted and promoted upward with its remaining lifetime (a store hit to the
 * grid and near tier, a grid hit to the near tier), under the {@link PublicationGuard} so that a
 * read overlapping a write or invalidation promotes nothing. An entry that cannot be decoded is
 * dropped from its tier and read as a miss. Values come back decoded, or as {@link
 * ChainedCache#NOT_FOUND} for a cached "not found". Thread-safe.
 */
final class TierReads<V> {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());

  private final String name;
  private final GuardedTier<Object> near;
  private final GuardedTier<byte[]> grid;
  private final GuardedTier<byte[]> store;
  private final WriteBehind writeBehind;
  private final PayloadEncoder<V> encoder;
  private final Lifetimes lifetimes;
  private final PublicationGuard guard;
  private final CacheCounters counters;
  private final LateFills lateFills;

  TierReads(
      String name,
      TierSet tiers,
      WriteBehind writeBehind,
      PayloadEncoder<V> encoder,
      Lifetimes lifetimes,
      PublicationGuard guard,
      CacheCounters counters,
      LateFills lateFills) {
    this.lateFills = lateFills;
    this.name = name;
    this.near = tiers.near;
    this.grid = tiers.grid;
    this.store = tiers.store;
    this.writeBehind = writeBehind;
    this.encoder = encoder;
    this.lifetimes = lifetimes;
    this.guard = guard;
    this.counters = counters;
  }

  /** A fresh hit in a lower tier: the decoded value or NOT_FOUND. */
  record Found(Object value) {}

  /**
   * Grid, then store: a {@link Found} on a fresh hit (promoted upward), else null.
   *
   * @param stale collects the freshest stale entry met, or null not to collect
   */
  Found read(String key, PublicationGuard.Ticket ticket, long now, StaleCandidate stale) {
    if (grid != null) {
      TierEntry<byte[]> entry = grid.get(key, now);
      ticket.sawGrid(entry);
      if (entry != null && (entry.isTombstone() || lateFills.late(key, entry, now))) {
        entry = null;
      }
      if (entry != null && entry.isFresh(now)) {
        Object value = decode(grid, key, entry);
        if (value != null) {
          hit(grid, value);
          TierEntry<Object> decoded = decoded(entry, value);
          guard.publish(ticket, () -> promoteToNear(key, decoded, now));
          return new Found(value);
        }
      } else if (entry != null && stale != null) {
        stale.offer(entry, true);
      }
      grid.miss();
    }
    if (store != null) {
      // This instance's write-behind queue first: its writes not yet in the store.
      TierEntry<byte[]> queued = writeBehind == null ? null : writeBehind.pending(key);
      TierEntry<byte[]> entry = queued != null ? queued : store.get(key, now);
      ticket.sawStore(entry);
      if (entry != null && (entry.isTombstone() || lateFills.late(key, entry, now))) {
        entry = null;
      }
      if (entry != null && entry.isFresh(now)) {
        Object value = decode(store, key, entry);
        if (value != null) {
          hit(store, value);
          TierEntry<Object> decoded = decoded(entry, value);
          TierEntry<byte[]> found = entry;
          guard.publish(
              ticket,
              () -> {
                if (grid != null) {
                  long retain =
                      lifetimes.gridRetention(now, lifetimes.jitterFactor(), found.expiresAt());
                  int outcome =
                      grid.putIfVersion(key, found.withRetainUntil(retain), ticket.gridSeen);
                  if (outcome == GuardedTier.REFUSED) {
                    return; // the grid changed since we read it: this store copy may be old
                  }
                }
                promoteToNear(key, decoded, now);
              });
          return new Found(value);
        }
      } else if (entry != null && stale != null) {
        stale.offer(entry, true);
      }
      store.miss();
    }
    return null;
  }

  /**
   * Notes the versions the grid and the store hold for {@code key} in {@code ticket}, for a load
   * that does not read the tiers first (a background refresh), so that its conditional publication
   * can replace what they hold.
   */
  void observe(String key, PublicationGuard.Ticket ticket, long now) {
    if (grid != null) {
      ticket.sawGrid(grid.get(key, now));
    }
    if (store != null) {
      TierEntry<byte[]> queued = writeBehind == null ? null : writeBehind.pending(key);
      ticket.sawStore(queued != null ? queued : store.get(key, now));
    }
  }

  /**
   * The bulk form of {@link #read}: grid, then store, each asked once for the keys still open;
   * fresh hits are decoded, counted and promoted upward in one bulk write per tier, under the guard
   * for the keys whose ticket is still current.
   *
   * @param tickets the keys to read, each with the ticket taken before any tier was read
   * @param stale per key, collects the freshest stale entry met (keys without one are not
   *     collected)
   * @return the fresh hits: decoded values or NOT_FOUND, by key
   */
  Map<String, Object> readAll(
      Map<String, ? extends PublicationGuard.Ticket> tickets,
      long now,
      Map<String, StaleCandidate> stale) {
    Map<String, Object> found = new HashMap<>();
    Set<String> open = new LinkedHashSet<>(tickets.keySet());
    if (grid != null && !open.isEmpty()) {
      Map<String, TierEntry<byte[]>> entries = grid.getAll(open, now);
      Map<String, TierEntry<Object>> toNear = new HashMap<>();
      for (Iterator<String> it = open.iterator(); it.hasNext(); ) {
        String key = it.next();
        TierEntry<byte[]> entry = entries.get(key);
        tickets.get(key).sawGrid(entry);
        if (entry != null && (entry.isTombstone() || lateFills.late(key, entry, now))) {
          entry = null;
        }
        if (entry != null && entry.isFresh(now)) {
          Object value = decode(grid, key, entry);
          if (value != null) {
            hit(grid, value);
            toNear.put(key, decoded(entry, value));
            found.put(key, value);
            it.remove();
            continue;
          }
        } else if (entry != null && stale.containsKey(key)) {
          stale.get(key).offer(entry, true);
        }
        grid.miss();
      }
      promoteAll(tickets, toNear, Map.of(), now);
    }
    if (store != null && !open.isEmpty()) {
      Map<String, TierEntry<byte[]>> entries = new HashMap<>();
      List<String> ask = new ArrayList<>(open.size());
      for (String key : open) {
        // This instance's write-behind queue first: its writes not yet in the store.
        TierEntry<byte[]> queued = writeBehind == null ? null : writeBehind.pending(key);
        if (queued != null) {
          entries.put(key, queued);
        } else {
          ask.add(key);
        }
      }
      entries.putAll(store.getAll(ask, now));
      Map<String, TierEntry<Object>> toNear = new HashMap<>();
      Map<String, TierEntry<byte[]>> toGrid = new HashMap<>();
      for (Iterator<String> it = open.iterator(); it.hasNext(); ) {
        String key = it.next();
        TierEntry<byte[]> entry = entries.get(key);
        tickets.get(key).sawStore(entry);
        if (entry != null && (entry.isTombstone() || lateFills.late(key, entry, now))) {
          entry = null;
        }
        if (entry != null && entry.isFresh(now)) {
          Object value = decode(store, key, entry);
          if (value != null) {
            hit(store, value);
            toNear.put(key, decoded(entry, value));
            if (grid != null) {
              long retain =
                  lifetimes.gridRetention(now, lifetimes.jitterFactor(), entry.expiresAt());
              toGrid.put(key, entry.withRetainUntil(retain));
            }
            found.put(key, value);
            it.remove();
            continue;
          }
        } else if (entry != null && stale.containsKey(key)) {
          stale.get(key).offer(entry, true);
        }
        store.miss();
      }
      promoteAll(tickets, toNear, toGrid, now);
    }
    return found;
  }

  /** Promotes hits to the grid and near tier, one bulk write each, for keys still current. */
  private void promoteAll(
      Map<String, ? extends PublicationGuard.Ticket> tickets,
      Map<String, TierEntry<Object>> toNear,
      Map<String, TierEntry<byte[]>> toGrid,
      long now) {
    if (toNear.isEmpty() || (near == null && toGrid.isEmpty())) {
      return;
    }
    Map<String, PublicationGuard.Ticket> promoted = new HashMap<>();
    for (String key : toNear.keySet()) {
      promoted.put(key, tickets.get(key));
    }
    guard.publishAll(
        promoted,
        current -> {
          Set<String> refused = Set.of();
          if (grid != null && !toGrid.isEmpty()) {
            Map<String, TierEntry<byte[]>> g = new HashMap<>();
            Map<String, Long> seen = new HashMap<>();
            for (String key : current) {
              TierEntry<byte[]> e = toGrid.get(key);
              if (e != null) {
                g.put(key, e);
                seen.put(key, tickets.get(key).gridSeen);
              }
            }
            Set<String> stored = grid.putAllIfVersion(g, seen);
            if (stored != null) {
              refused = new java.util.HashSet<>(g.keySet());
              refused.removeAll(stored);
            }
          }
          if (near != null) {
            Map<String, TierEntry<Object>> n = new HashMap<>();
            for (String key : current) {
              if (refused.contains(key)) {
                continue; // the grid changed since we read it: this store copy may be old
              }
              TierEntry<Object> e = toNear.get(key);
              long retain = lifetimes.nearRetention(now, lifetimes.jitterFactor(), e.expiresAt());
              n.put(key, e.withRetainUntil(retain));
            }
            near.putAll(n);
          }
        });
  }

  /** A fresh value (or NOT_FOUND) from the grid, promoted to near under the guard; else null. */
  Object readGrid(String key, PublicationGuard.Ticket ticket, long now) {
    TierEntry<byte[]> entry = grid.get(key, now);
    ticket.sawGrid(entry);
    if (entry == null
        || entry.isTombstone()
        || !entry.isFresh(now)
        || lateFills.late(key, entry, now)) {
      return null;
    }
    Object value = decode(grid, key, entry);
    if (value != null) {
      TierEntry<Object> decoded = decoded(entry, value);
      guard.publish(ticket, () -> promoteToNear(key, decoded, now));
    }
    return value;
  }

  /** The entry with its decoded payload (null for NOT_FOUND). */
  private static TierEntry<Object> decoded(TierEntry<byte[]> entry, Object value) {
    return entry.withPayload(value == ChainedCache.NOT_FOUND ? null : value, entry.weight());
  }

  private void hit(GuardedTier<byte[]> tier, Object value) {
    if (CacheTraffic.isWarmup()) {
      counters.warmupHit();
      return;
    }
    tier.hit();
    if (value == ChainedCache.NOT_FOUND) {
      counters.negativeHit();
    }
  }

  private void promoteToNear(String key, TierEntry<Object> entry, long now) {
    if (near != null) {
      long retain = lifetimes.nearRetention(now, lifetimes.jitterFactor(), entry.expiresAt());
      near.put(key, entry.withRetainUntil(retain));
    }
  }

  /** The decoded payload, NOT_FOUND for a negative entry, or null if it cannot be decoded. */
  private Object decode(GuardedTier<byte[]> tier, String key, TierEntry<byte[]> entry) {
    if (entry.isNegative()) {
      return ChainedCache.NOT_FOUND;
    }
    try {
      return encoder.decode(entry.payload());
    } catch (CodecException e) {
      LOG.log(
          Level.WARNING,
          "cache {0}: dropping undecodable {1} entry {2}: {3}",
          new Object[] {name, tier.name(), key, e.getMessage()});
      tier.remove(key);
      return null;
    }
  }

  /** The freshest stale entry met on the way down, and whether its payload is still encoded. */
  final class StaleCandidate {
    private TierEntry<?> entry;
    private boolean encoded;

    StaleCandidate(TierEntry<?> nearEntry) {
      this.entry = nearEntry;
    }

    void offer(TierEntry<?> candidate, boolean candidateEncoded) {
      if (entry == null || candidate.expiresAt() > entry.expiresAt()) {
        entry = candidate;
        encoded = candidateEncoded;
      }
    }

    /** The stale entry met, or null. */
    TierEntry<?> entry() {
      return entry;
    }

    /** The stale value (or NOT_FOUND), or null if it cannot be decoded. */
    Object value() {
      if (entry.isNegative()) {
        return ChainedCache.NOT_FOUND;
      }
      if (!encoded) {
        return entry.payload();
      }
      try {
        return encoder.decode((byte[]) entry.payload());
      } catch (CodecException e) {
        return null;
      }
    }
  }
}
