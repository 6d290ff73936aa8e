package io.stratacache.admin;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/cache/set}: what was stored.
 *
 * @param cache the cache
 * @param key the key
 * @param valueBytes UTF-8 bytes of the value's compact JSON text
 * @param ttlSeconds the TTL asked for, null for the cache's own
 * @param tags the tags attached
 */
public record SetAnswer(
    String cache, String key, int valueBytes, Long ttlSeconds, List<String> tags) {}
