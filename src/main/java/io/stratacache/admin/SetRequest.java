package io.stratacache.admin;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * The body of {@code POST /api/v1/cache/set}.
 *
 * @param cache the cache's name (required)
 * @param key the key (required, non-empty)
 * @param value any JSON value but {@code null} (required)
 * @param ttlSeconds how long the value stays fresh, positive; null for the cache's own TTL
 * @param tags tags for invalidation by tag; empty for none, never null
 */
public record SetRequest(
    String cache, String key, JsonValue value, Long ttlSeconds, List<String> tags) {

  public SetRequest {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
