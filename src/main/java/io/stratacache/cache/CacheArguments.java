package io.stratacache.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** The argument contract of {@link TieredCache}'s calls: keys, tags, and what a put accepts. */
final class CacheArguments {
  private CacheArguments() {}

  /**
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if it is empty or longer than {@link
   *     TieredCache#MAX_KEY_LENGTH}
   */
  static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > TieredCache.MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "key must have 1-" + TieredCache.MAX_KEY_LENGTH + " characters, got " + key.length());
    }
  }

  /**
   * @throws NullPointerException if {@code tag} is null
   * @throws IllegalArgumentException if it is empty, longer than 100 characters or holds a comma
   */
  static void checkTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    if (tag.isEmpty()
        || tag.length() > 100
        || tag.indexOf(',') >= 0
        || tag.indexOf('\u001f') >= 0) {
      throw new IllegalArgumentException(
          "tag must have 1-100 characters and no comma: '" + tag + "'");
    }
  }

  /**
   * The checks of {@link TieredCache#put(String, Object, Duration, Set)} in cache {@code name} of
   * values of {@code type}.
   *
   * @throws NullPointerException if the key, value or tags are null
   * @throws ClassCastException if the value is not of the cache's type
   * @throws IllegalArgumentException if the key or a tag is invalid, or the TTL not positive
   */
  static void checkPut(
      String name, Class<?> type, String key, Object value, Duration ttl, Set<String> tags) {
    checkKey(key);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(tags, "tags");
    if (!type.isInstance(value)) {
      throw new ClassCastException(
          "cache " + name + " holds " + type.getName() + ", not " + value.getClass().getName());
    }
    if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    for (String tag : tags) {
      checkTag(tag);
    }
  }
}
