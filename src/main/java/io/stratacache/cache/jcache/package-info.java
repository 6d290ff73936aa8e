/**
 * The JSR-107 adapter: the standard {@code javax.cache.annotation} annotations served by the tiered
 * caches (single-flight loads, cached "not found", per-cache TTLs), through CDI interceptors that
 * replace Payara's, and a {@code javax.cache.CacheManager} over the same caches. It uses the cache
 * API only, never a tier.
 */
package io.stratacache.cache.jcache;
