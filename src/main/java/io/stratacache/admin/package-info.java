/**
 * Cache administration over REST ({@code /api/v1/cache}), a feature over the cache API: statistics,
 * health, effective settings, reading and writing single entries, invalidation by key, tag and
 * pattern, clearing, a self-benchmark, and tier fault injection ({@code /api/v1/cache/faults}, when
 * {@code CACHE_FAULT_INJECTION=true}). {@link io.stratacache.admin.CacheAdministration} holds the
 * logic and is usable without a container; the resources only parse, guard and delegate.
 */
package io.stratacache.admin;
