package io.stratacache.cache;

import java.util.Map;
import java.util.Set;

/**
 * Loads the values of many keys from the source of truth in one call (one query for a batch), for
 * {@link TieredCache#getAll}.
 *
 * <p>A key missing from the returned map, or mapped to null, means "the source has no such value",
 * cached as "not found" like a {@link CacheLoader} returning null. Keys the loader was not asked
 * for are ignored. A loader that throws fails every key of the call: nothing is cached, and callers
 * waiting for those keys get the exception.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface BulkLoader<V> {

  /**
   * Loads the values of {@code keys}.
   *
   * @param keys distinct keys, never empty, of which no tier held a fresh entry
   * @return the values found, by key; never null
   * @throws Exception any failure; checked exceptions reach callers wrapped in {@link
   *     CacheLoadException}
   */
  Map<String, ? extends V> loadAll(Set<String> keys) throws Exception;

  /** The loader of one key through this bulk loader (a call with a one-key set). */
  default CacheLoader<V> single() {
    return key -> loadAll(Set.of(key)).get(key);
  }
}
