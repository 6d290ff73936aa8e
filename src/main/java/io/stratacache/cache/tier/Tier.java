package io.stratacache.cache.tier;

/**
 * One storage tier of a tiered cache: a map from string keys to {@link TierEntry entries} that may
 * forget entries at any time (eviction, expiry, failure) but must never return an entry past its
 * {@link TierEntry#retainUntil() retention time}.
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent use. Each method is atomic with
 * respect to a single key; the bulk operations ({@link #removeByTag}, {@link #removeByPattern},
 * {@link #clear}) are not atomic as a whole: entries written concurrently may survive them.
 *
 * <p><b>Failures:</b> any method may throw a {@link RuntimeException} when the backing system
 * fails; the core counts it against the tier and carries on with the next tier (the failure
 * boundary). Tiers do not retry and do not swallow failures themselves.
 *
 * <p><b>Nulls:</b> keys, entries, tags and patterns are never null; {@link #get} returns null for
 * "nothing usable here". A cached "not found" is an entry whose {@link TierEntry#isNegative()} is
 * true, never a null.
 *
 * @param <P> the payload the tier holds: decoded values for the near tier, encoded bytes for the
 *     grid and store tiers
 */
public interface Tier<P> extends AutoCloseable {

  /** A short, stable name for stats and logs: {@code near}, {@code grid} or {@code store}. */
  String name();

  /**
   * Returns the entry for {@code key}, or null when the tier holds none or it is past its retention
   * at {@code now}. Entries may be returned after their logical {@link TierEntry#expiresAt()
   * expiry} (stale copies kept for the stale windows); the caller decides whether to use them.
   *
   * @param now the caller's reading of the clock, epoch millis (the core reads time once per
   *     request and hands it down)
   */
  TierEntry<P> get(String key, long now);

  /**
   * The same as {@link #get}, started asynchronously, for a core that bounds calls by a timeout:
   * waiting on the tier's own future costs no thread hand-off on the hit path. Returns null when
   * the tier has no asynchronous read (the default); the core then runs {@link #get} on an
   * executor.
   */
  default java.util.concurrent.CompletionStage<TierEntry<P>> getAsync(String key, long now) {
    return null;
  }

  /** Stores {@code entry} under {@code key}, replacing any previous entry. */
  void put(String key, TierEntry<P> entry);

  /** Removes the entry for {@code key}, if any. */
  void remove(String key);

  /**
   * The entries of {@code keys} that the tier holds and has not retained past {@code now}, as
   * {@link #get} would return them one by one: keys without an entry are missing from the map. A
   * tier overrides this to read a batch in one round trip (the default reads key by key).
   *
   * @param keys distinct keys
   * @return a mutable map, possibly empty, never null
   */
  default java.util.Map<String, TierEntry<P>> getAll(java.util.Collection<String> keys, long now) {
    java.util.Map<String, TierEntry<P>> found = new java.util.HashMap<>();
    for (String key : keys) {
      TierEntry<P> entry = get(key, now);
      if (entry != null) {
        found.put(key, entry);
      }
    }
    return found;
  }

  /**
   * Stores every entry of {@code entries}, as {@link #put} one by one would; not atomic as a whole
   * (a failure may leave some written). A tier overrides this to write a batch in one round trip.
   */
  default void putAll(java.util.Map<String, TierEntry<P>> entries) {
    entries.forEach(this::put);
  }

  /**
   * Removes the entries of {@code keys}, as {@link #remove} one by one would; not atomic as a
   * whole.
   */
  default void removeAll(java.util.Collection<String> keys) {
    keys.forEach(this::remove);
  }

  /**
   * Removes the entry for {@code key} and leaves {@code tombstone} ({@link
   * TierEntry#isTombstone()}) in its place until the tombstone's retention, so that a {@link
   * #putIfVersion} whose reader saw the key before this call is refused. A fencing tier returns the
   * tombstone from {@link #get} and {@link #getAll} (never fresh: the core reads it as a miss and
   * keeps its version). The default (a tier that does not fence, such as the near tier) removes the
   * entry.
   */
  default void fence(String key, TierEntry<P> tombstone) {
    remove(key);
  }

  /** {@link #fence} for every key of {@code keys}, with one tombstone; not atomic as a whole. */
  default void fenceAll(java.util.Collection<String> keys, TierEntry<P> tombstone) {
    for (String key : keys) {
      fence(key, tombstone);
    }
  }

  /**
   * Stores {@code entry} only if the key is still in the state a reader saw: its current entry or
   * tombstone has version {@code seenVersion}, or, for {@code seenVersion} 0, the tier holds
   * nothing for the key. Atomic per key (a compare-and-set in the backing system). The default
   * stores unconditionally (a tier that does not fence).
   *
   * @param seenVersion the version of the entry or tombstone the reader met, 0 if it met none
   * @return whether the entry was stored
   */
  default boolean putIfVersion(String key, TierEntry<P> entry, long seenVersion) {
    put(key, entry);
    return true;
  }

  /**
   * {@link #putIfVersion} for a batch; not atomic as a whole.
   *
   * @param seen per key of {@code entries}, the version its reader saw (missing = 0)
   * @return the keys stored
   */
  default java.util.Set<String> putAllIfVersion(
      java.util.Map<String, TierEntry<P>> entries, java.util.Map<String, Long> seen) {
    java.util.Set<String> stored = new java.util.HashSet<>();
    entries.forEach(
        (key, entry) -> {
          if (putIfVersion(key, entry, seen.getOrDefault(key, 0L))) {
            stored.add(key);
          }
        });
    return stored;
  }

  /**
   * Moves the invalidation epoch of {@code subject} (a tag, or the cache-wide subject of pattern
   * and clear invalidations) to {@code epoch}, kept until {@code retainUntil}: a fill that read the
   * subject's epoch before this call sees that it moved ({@link #epochs}) and does not keep its
   * value. Called before the invalidation removes the entries. The default (a tier that does not
   * fence across instances) does nothing.
   */
  default void moveEpoch(String subject, long epoch, long retainUntil) {}

  /**
   * The current invalidation epochs of {@code subjects} (0 for a subject never moved, or whose
   * epoch expired), or null if the tier keeps none (the default).
   *
   * @param subjects distinct subjects
   */
  default java.util.Map<String, Long> epochs(java.util.Collection<String> subjects) {
    return null;
  }

  /**
   * Removes every entry carrying {@code tag}.
   *
   * @return how many entries were removed, or -1 if the tier cannot tell
   */
  long removeByTag(String tag);

  /**
   * Removes every entry whose key matches {@code pattern}.
   *
   * @return how many entries were removed, or -1 if the tier cannot tell
   */
  long removeByPattern(KeyPattern pattern);

  /** Removes every entry of this tier (of this cache only, where the backing store is shared). */
  void clear();

  /**
   * Physically removes entries past their retention, where the tier does not do it by itself.
   *
   * @return how many entries were removed
   */
  default long purgeExpired() {
    return 0;
  }

  /** The tier's own view of its size and removals; may be approximate, never throws. */
  TierMetrics metrics();

  /** Releases what the tier holds locally (listeners, caches); never destroys shared data. */
  @Override
  default void close() {}
}
