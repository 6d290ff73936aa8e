/**
 * The tiered cache: its API ({@link io.stratacache.cache.TieredCache}, settings, stats, the {@link
 * io.stratacache.cache.TieredCaches} registry) and the core that chains the near, grid and store
 * tiers with single-flight loading. Plain Java: no Jakarta, CDI or Hazelcast types.
 */
package io.stratacache.cache;
