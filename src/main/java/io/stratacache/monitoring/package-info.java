/**
 * Monitoring of the tiered caches: the MicroProfile Metrics binding of every cache's and tier's
 * statistics ({@code stratacache_cache_*} gauges tagged {@code cache} and {@code tier}), read
 * lazily at scrape time through short-lived snapshots.
 */
package io.stratacache.monitoring;
