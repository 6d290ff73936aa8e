package io.stratacache.cache;

import java.time.Duration;
import java.util.Set;

/**
 * A named cache over up to three tiers, read in order near → grid → store → loader, with hits
 * promoted to the tiers above them. Keys are non-empty strings of at most {@value #MAX_KEY_LENGTH}
 * characters (adapters map other keys to canonical strings); values are immutable and encodable by
 * the cache's codec.
 *
 * <p><b>Thread safety:</b> all methods are safe for concurrent use.
 *
 * <p><b>Loading:</b> at most one load per key runs at a time in this instance: concurrent callers
 * of {@link #get} for a missing key wait for that load and all get its result or its exception. A
 * load that overlaps a {@code put} or an invalidation of its key still answers its callers but is
 * not cached, so an older value can never overwrite a newer one or outlive an invalidation.
 *
 * <p><b>Not found:</b> a loader returning null is an answer ("the source has no such value"),
 * cached for the negative TTL; {@link #get} then returns null without loading again. Absence of an
 * entry is never expressed as null: {@link #peek} tells the three cases apart.
 *
 * <p><b>Failures:</b> a tier that throws is counted in its {@link TierStats#errors()} and skipped;
 * the caller never sees a tier failure. Loader failures do reach the caller, except within the
 * stale-if-error window, where the last value is served instead.
 *
 * @param <V> the value type
 */
public interface TieredCache<V> {

  /** Longest accepted key, in characters (the store tier's key column). */
  int MAX_KEY_LENGTH = 512;

  /** The cache's name. */
  String name();

  /** The settings the cache was created with. */
  CacheSettings settings();

  /**
   * Returns the value for {@code key}, loading it through {@code loader} if no tier holds a fresh
   * entry. Within the stale-while-revalidate window after expiry, returns the stale value at once
   * and reloads it once in the background; within the refresh-ahead window before expiry, returns
   * the fresh value and reloads it in the background.
   *
   * @return the value, or null if the source has none (a cached "not found")
   * @throws NullPointerException if {@code key} or {@code loader} is null
   * @throws IllegalArgumentException if {@code key} is empty or too long
   * @throws IllegalStateException if {@code loader} recursively asks for the key it is loading
   * @throws CacheLoadException if the loader threw a checked exception (outside the stale-if-error
   *     window); unchecked exceptions and errors are rethrown as they are
   * @throws io.stratacache.cache.codec.CodecException if the loaded value cannot be encoded
   */
  V get(String key, CacheLoader<? extends V> loader);

  /**
   * The bulk form of {@link #get}: the values of {@code keys}, reading each tier once per batch
   * (near, then grid, then store, each with one bulk call) and calling {@code loader} once for the
   * keys no tier holds fresh. Per key the contract of {@link #get} holds: at most one load per key
   * in this instance (a key whose load is in flight is waited for, not loaded again), a load that
   * overlaps a put or invalidation of its key is returned but not cached, "not found" is cached,
   * stale windows and refresh-ahead apply, failing tiers are skipped.
   *
   * @param keys the keys; duplicates are read once
   * @return the values found, in the order of {@code keys}; a key whose source has none (a cached
   *     or loaded "not found") is missing from the map
   * @throws NullPointerException if {@code keys}, a key or {@code loader} is null
   * @throws IllegalArgumentException if a key is empty or too long
   * @throws IllegalStateException if {@code loader} recursively asks for a key it is loading
   * @throws CacheLoadException if the loader threw a checked exception (nothing of its batch is
   *     cached; keys served from the tiers are not affected); unchecked exceptions are rethrown
   */
  default java.util.Map<String, V> getAll(
      java.util.Collection<String> keys, BulkLoader<? extends V> loader) {
    java.util.Objects.requireNonNull(loader, "loader");
    java.util.Map<String, V> found = new java.util.LinkedHashMap<>();
    for (String key : new java.util.LinkedHashSet<>(keys)) {
      V value = get(key, loader.single());
      if (value != null) {
        found.put(key, value);
      }
    }
    return found;
  }

  /**
   * Looks {@code key} up in every tier without loading, promoting a hit to the tiers above.
   *
   * @return {@link Lookup.Present}, {@link Lookup.NotFound} for a cached "not found", or {@link
   *     Lookup.Absent} when nothing fresh is cached
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code key} is empty or too long
   */
  Lookup<V> peek(String key);

  /**
   * Stores {@code value} with the cache's TTLs and no tags; see {@link #put(String, Object,
   * Duration, Set)}.
   */
  void put(String key, V value);

  /**
   * Stores {@code value} in every enabled tier (write-through) for {@code ttl} (jittered), each
   * tier keeping it at most for its own TTL, and drops other instances' near copies. In-flight
   * loads of the key will not be cached.
   *
   * @param ttl how long the value is fresh, or null for the cache's default
   * @param tags tags for {@link #invalidateByTag}: non-empty, at most 100 characters, no comma
   * @throws NullPointerException if an argument other than {@code ttl} is null
   * @throws IllegalArgumentException for a bad key or tag, or a zero or negative {@code ttl}
   * @throws io.stratacache.cache.codec.CodecException if the value cannot be encoded
   */
  void put(String key, V value, Duration ttl, Set<String> tags);

  /**
   * Runs {@code action} as the only one in the cluster acting on {@code key}: holding the key's
   * cluster lease (the one a miss's coordinated load takes), after dropping this instance's near
   * copy so that what the action reads is what the grid holds. What a compound operation (read,
   * compute, write) needs to be atomic across instances, such as a JSR-107 entry processor. Without
   * a grid tier or cluster coordination (or while the grid is down) it runs the action at once:
   * atomic on this instance only, as far as the caller's own locking makes it.
   *
   * @throws IllegalStateException if another instance held the key past {@code single-flight.lease}
   */
  default <T> T exclusive(String key, java.util.function.Supplier<T> action) {
    return action.get();
  }

  /**
   * Opens a fenced fill: call it <b>before</b> reading the source of values that will be stored
   * under {@code keys} (and possibly keys derived from them later) with tags among {@code tags},
   * then store each with {@link #putIfCurrent}. The fence notes this instance's publication tickets
   * of the keys and reads the grid's invalidation epochs of the tags and of the cache (one grid
   * call), so that a value read before an invalidation by key, tag, pattern or clear on <i>any</i>
   * instance is never kept in any tier after it. For callers that store what they loaded with their
   * own TTL and tags (the response cache), where {@link #get}'s loader cannot.
   *
   * @param keys the keys the fill will write (at least one)
   * @param tags every tag the fill's values may carry
   */
  default FillFence openFill(java.util.Collection<String> keys, Set<String> tags) {
    return FillFence.NONE;
  }

  /**
   * Stores {@code value} as {@link #put(String, Object, Duration, Set)} does, but only if no
   * invalidation of {@code key}, of one of {@code tags}, by a pattern or a clear happened since
   * {@code fence} was opened (on this instance: the publication guard; on any instance: the grid's
   * epochs, read before and again after the grid and store were written; a fill found overtaken
   * after its write is taken back out of every tier). Does not publish an invalidation event when
   * stored (it is a fill, not a write). The default stores unconditionally.
   *
   * @return whether the value is stored
   * @throws IllegalArgumentException for a bad key, tag or ttl, or a tag not named by the fence
   */
  default boolean putIfCurrent(
      FillFence fence, String key, V value, Duration ttl, Set<String> tags) {
    put(key, value, ttl, tags);
    return true;
  }

  /** Removes {@code key} from every tier of every instance. */
  void invalidate(String key);

  /**
   * Registers {@code listener} for the changes other instances make to this cache: it is called
   * with each invalidation event of another instance (a key written or removed, a tag, a pattern, a
   * clear), after this instance dropped its near copies for it, on the thread that delivers the
   * cluster's events (keep it short, hand longer work to an executor). Lost events are not
   * reported. A single instance (no invalidation bus) never calls it.
   *
   * @return a handle that unregisters the listener
   */
  default AutoCloseable onRemoteChange(java.util.function.Consumer<InvalidationEvent> listener) {
    return () -> {};
  }

  /**
   * The bulk form of {@link #put(String, Object)}: every value with the cache's TTLs and no tags,
   * one bulk write per tier.
   */
  default void putAll(java.util.Map<String, ? extends V> values) {
    putAll(values, null, Set.of());
  }

  /**
   * The bulk form of {@link #put(String, Object, Duration, Set)}: each tier is written once for the
   * whole batch (a grid batch is sent at once, the store gets one JDBC batch), other instances'
   * near copies of every key are dropped, and in-flight loads of these keys will not be cached. Not
   * atomic as a whole: a concurrent reader may see some keys written and others not yet.
   *
   * @throws NullPointerException if {@code values}, a key, a value or {@code tags} is null
   * @throws IllegalArgumentException for a bad key or tag, or a zero or negative {@code ttl}
   * @throws io.stratacache.cache.codec.CodecException if a value cannot be encoded (nothing of the
   *     batch is written)
   */
  default void putAll(java.util.Map<String, ? extends V> values, Duration ttl, Set<String> tags) {
    values.forEach((key, value) -> put(key, value, ttl, tags));
  }

  /**
   * The bulk form of {@link #invalidate}: removes {@code keys} from every tier of every instance,
   * one bulk removal per tier.
   */
  default void invalidateAll(java.util.Collection<String> keys) {
    keys.forEach(this::invalidate);
  }

  /**
   * Drops this instance's near copy of {@code key}, and nothing else: the grid and store tiers and
   * other instances keep theirs, and no invalidation is published. For callers that hold a memory
   * budget of their own over the near tier. A load of the key overlapping the drop still answers
   * its callers but is not cached in the near tier. Does nothing for a cache without a near tier.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code key} is empty or too long
   */
  default void evictNear(String key) {}

  /** Removes every entry tagged {@code tag} from every tier of every instance. */
  void invalidateByTag(String tag);

  /**
   * Removes every key matching {@code glob} ({@code *} any run, {@code ?} one character) from every
   * tier of every instance.
   *
   * @throws IllegalArgumentException if {@code glob} is empty
   */
  void invalidateByPattern(String glob);

  /** Removes every entry of this cache from every tier of every instance. */
  void clear();

  /** A snapshot of the cache's statistics; never throws, may ask remote tiers for their sizes. */
  CacheStats stats();

  /**
   * The circuit-breaker state of each remote tier of this cache (no call to any tier): what a
   * health check reports. Empty for a cache without grid and store.
   */
  default java.util.List<TierStatus> tierStatuses() {
    return java.util.List.of();
  }
}
