/**
 * Administration of the tiered caches over REST ({@code /api/v1/cache}): statistics, health,
 * effective settings, reading and writing single entries, invalidation by key, tag and pattern,
 * clearing, and a self-benchmark. {@link io.stratacache.admin.CacheAdministration} holds the logic
 * and is usable without a container; the resource only parses, guards and delegates.
 */
package io.stratacache.admin;
