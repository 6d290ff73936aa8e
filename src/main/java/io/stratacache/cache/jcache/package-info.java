/**
 * The JSR-107 adapter: the standard {@code javax.cache.annotation} annotations served by the tiered
 * caches (single-flight loads, cached "not found", per-cache TTLs), through interceptors that
 * replace Payara's, and a {@code javax.cache.CacheManager} over the same caches.
 */
package io.stratacache.cache.jcache;
