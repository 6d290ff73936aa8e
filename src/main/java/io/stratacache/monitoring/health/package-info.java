/**
 * The MicroProfile Health checks: the caches' ({@code cache-tiers}, {@code cache-warmup}) at {@code
 * /health/ready}, which stay UP while a tier is degraded, and a constant {@code alive} at {@code
 * /health/live}.
 */
package io.stratacache.monitoring.health;
