/**
 * The MicroProfile Health checks of the caches ({@code cache-tiers}, {@code cache-warmup}) at
 * {@code /health/ready} and {@code /health/live}; they stay UP while a tier is degraded.
 */
package io.stratacache.monitoring.health;
