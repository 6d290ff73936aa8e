package io.stratacache.admin;

/**
 * The body of {@code POST /api/v1/cache/get}.
 *
 * @param cache the cache's name (required)
 * @param key the key (required, non-empty)
 */
public record GetRequest(String cache, String key) {}
