/**
 * The tiered cache: its API ({@link io.stratacache.cache.TieredCache}, settings, stats, the {@link
 * io.stratacache.cache.TieredCaches} registry, {@link io.stratacache.cache.TierFaults} for drills)
 * and the core that chains the near, grid and store tiers with single-flight loading. Plain Java:
 * no Jakarta, CDI or Hazelcast types, and no tier implementation (tiers come through the factories
 * of {@code io.stratacache.cache.tier}).
 */
package io.stratacache.cache;
