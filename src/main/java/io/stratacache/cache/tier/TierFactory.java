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

  /**
   * Creates (or attaches to) the tier for {@code cacheName}, bounded by bytes: the registry calls
   * this one with the cache's byte bound for the tier ({@code grid.max-bytes} for the grid), 0 for
   * none. The default ignores the bound and calls {@link #create(String, InstantSource)}: a tier
   * technology without a byte bound (the store) keeps its TTL only.
   *
   * @param maxBytes the bound on the tier's bytes for this cache, 0 for none
   */
  default Tier<byte[]> create(String cacheName, InstantSource clock, long maxBytes) {
    return create(cacheName, clock);
  }
}
