package io.stratacache.admin;

import io.stratacache.cache.CacheStats;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/cache/stats}: a snapshot per cache, with its tiers inside
 * ({@link CacheStats} documents every figure).
 *
 * @param caches one snapshot per cache, sorted by name
 */
public record StatsAnswer(List<CacheStats> caches) {}
