package io.stratacache.cache;

/**
 * Loads the value of a key from the source of truth on a cache miss.
 *
 * <p>Returning null means "the source has no such value"; the cache stores that answer as an
 * explicit "not found" entry for the cache's negative TTL. A loader that throws has its exception
 * handed to every caller waiting for that load, and nothing is cached.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface CacheLoader<V> {

  /**
   * Loads the value of {@code key}.
   *
   * @return the value, or null if the source has none
   * @throws Exception any failure; checked exceptions reach callers wrapped in {@link
   *     CacheLoadException}
   */
  V load(String key) throws Exception;
}
