package io.stratacache.cache;

/**
 * Told of every read, write and load of every cache of a {@link TieredCaches}, for what needs more
 * than the counters of {@link CacheStats}: latency distributions (monitoring) and which keys are
 * hot (warm-up). Registered with {@link TieredCaches#addObserver}.
 *
 * <p>Called on the caller's thread, inside the cache call: an observer must be cheap (sample, or
 * hand off to a buffer) and thread-safe. What it throws is logged once and otherwise ignored; it
 * never fails the cache call. With no observer registered the cache does not read the clock for
 * them; with observers, reads are timed one in the registry's timing sample.
 */
public interface CacheObserver {

  /**
   * The {@code nanos} of a read that was not timed: the registry times one read in its {@link
   * TieredCaches.Builder#timingSample timing sample} and reports the others with this value, so an
   * observer sees every read but measures latency from a sample.
   */
  long UNTIMED = -1;

  /**
   * A {@link TieredCache#get} or {@link TieredCache#peek} returned (or threw).
   *
   * @param cache the cache's name
   * @param key the key read
   * @param nanos the call's duration, loader included; {@link #UNTIMED} for a read outside the
   *     timing sample
   */
  default void onGet(String cache, String key, long nanos) {}

  /**
   * A {@link TieredCache#put} returned (or threw).
   *
   * @param cache the cache's name
   * @param key the key written
   * @param nanos the call's duration (write-behind tiers excluded: they are written later)
   */
  default void onPut(String cache, String key, long nanos) {}

  /**
   * The loader of a key was called, on this instance, by a read or a background refresh.
   *
   * @param cache the cache's name
   * @param key the key loaded
   * @param nanos the loader's duration
   * @param failed whether it threw
   */
  default void onLoad(String cache, String key, long nanos, boolean failed) {}
}
