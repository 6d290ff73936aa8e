/**
 * The tier SPI: what the tiered cache core asks of one storage tier (near, grid or store), the
 * factories the registry creates them with ({@link io.stratacache.cache.tier.NearTierFactory},
 * {@link io.stratacache.cache.tier.TierFactory}), and the entry, pattern and metrics records they
 * exchange. Tiers depend on this package only, never on each other or on the core.
 */
package io.stratacache.cache.tier;
