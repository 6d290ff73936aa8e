package io.stratacache.cache.tier;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Creates the near (in-process) tier of one named cache; how the application plugs its near tier
 * into the cache registry, as {@link TierFactory} does for the grid and store. The near tier holds
 * decoded values, hence {@code Tier<Object>}.
 */
@FunctionalInterface
public interface NearTierFactory {

  /**
   * Creates the near tier for {@code cacheName}.
   *
   * @param cacheName the cache's name, unique in the registry
   * @param bounds the tier's size bound and idle time, from the cache's settings
   * @param clock the registry's clock: the tier must read time from it, never from the system
   * @throws IllegalArgumentException if the bounds are unusable (both sizes zero, one negative)
   */
  Tier<Object> create(String cacheName, Bounds bounds, InstantSource clock);

  /**
   * How large the near tier may grow and how long an unread entry stays.
   *
   * @param maxEntries the entry bound, used when {@code maxBytes} is 0
   * @param maxBytes the bound on the entries' {@link TierEntry#weight() weights}; 0 bounds by
   *     entries
   * @param idle drop an entry unread for this long (expire after access); null keeps every entry to
   *     its retention time (expire after write)
   */
  record Bounds(long maxEntries, long maxBytes, Duration idle) {}
}
