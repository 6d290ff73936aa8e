package io.stratacache.cache.tier;

import java.time.InstantSource;

/**
 * Creates the tier of one named cache; how the application plugs its grid and store into the cache
 * registry without the core knowing their technology.
 */
@FunctionalInterface
public interface TierFactory {

  /**
   * Creates (or attaches to) the tier for {@code cacheName}.
   *
   * @param cacheName the cache's name, unique in the registry
   * @param clock the registry's clock: the tier must read time from it, never from the system
   */
  Tier<byte[]> create(String cacheName, InstantSource clock);
}
