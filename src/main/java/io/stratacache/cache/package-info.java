/**
 * The tiered cache: its API ({@link io.stratacache.cache.TieredCache}, settings, stats, the {@link
 * io.stratacache.cache.TieredCaches} registry, {@link io.stratacache.cache.TierFaults} for drills)
 * and the core that chains the near, grid and store tiers with single-flight loading. Plain Java
 * that sees the tiers only through the SPI and factories in {@code cache.tier} and the codecs in
 * {@code cache.codec}: no Jakarta, CDI or Hazelcast types, no tier implementation, nothing of
 * {@code rest}, {@code platform} or a feature.
 */
package io.stratacache.cache;
