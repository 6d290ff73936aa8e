package io.stratacache.admin;

import io.stratacache.cache.TieredCache;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bounds the administration applies to what callers send, read from configuration.
 *
 * @param maxKeyLength longest key (or invalidation pattern) accepted, in characters: 1..{@value
 *     TieredCache#MAX_KEY_LENGTH} ({@value #MAX_KEY_LENGTH}, default {@value
 *     TieredCache#MAX_KEY_LENGTH})
 * @param maxValueBytes largest value accepted by {@code set}, as UTF-8 bytes of its compact JSON
 *     text: 1..{@value #VALUE_BYTES_CEILING} ({@value #MAX_VALUE_BYTES}, default 1 MiB)
 */
public record AdminLimits(int maxKeyLength, int maxValueBytes) {

  /** Configuration key of {@link #maxKeyLength}. */
  public static final String MAX_KEY_LENGTH = "CACHE_ADMIN_MAX_KEY_LENGTH";

  /** Configuration key of {@link #maxValueBytes}. */
  public static final String MAX_VALUE_BYTES = "CACHE_ADMIN_MAX_VALUE_BYTES";

  /** The highest accepted {@link #maxValueBytes}: 64 MiB. */
  public static final int VALUE_BYTES_CEILING = 64 << 20;

  /** Room a request body may take beyond its key and value (cache name, tags, TTL, spacing). */
  static final int BODY_OVERHEAD_BYTES = 64 << 10;

  /** The defaults: 512 characters, 1 MiB. */
  public static final AdminLimits DEFAULTS = new AdminLimits(TieredCache.MAX_KEY_LENGTH, 1 << 20);

  /**
   * @throws IllegalArgumentException if a bound is out of its range
   */
  public AdminLimits {
    if (maxKeyLength < 1 || maxKeyLength > TieredCache.MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          MAX_KEY_LENGTH + " must be 1.." + TieredCache.MAX_KEY_LENGTH + ", was " + maxKeyLength);
    }
    if (maxValueBytes < 1 || maxValueBytes > VALUE_BYTES_CEILING) {
      throw new IllegalArgumentException(
          MAX_VALUE_BYTES + " must be 1.." + VALUE_BYTES_CEILING + ", was " + maxValueBytes);
    }
  }

  /**
   * Reads the limits; absent keys keep their defaults.
   *
   * @param config looks a key up (MicroProfile Config's {@code getOptionalValue})
   * @throws IllegalArgumentException if a value is not a number in range; the message names the key
   */
  public static AdminLimits fromConfig(Function<String, Optional<String>> config) {
    return new AdminLimits(
        integer(config, MAX_KEY_LENGTH, DEFAULTS.maxKeyLength),
        integer(config, MAX_VALUE_BYTES, DEFAULTS.maxValueBytes));
  }

  /** The largest request body read before a request is refused as too large. */
  int maxBodyBytes() {
    return maxValueBytes + 4 * maxKeyLength + BODY_OVERHEAD_BYTES;
  }

  private static int integer(Function<String, Optional<String>> config, String key, int def) {
    Optional<String> raw = config.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    if (raw.isEmpty()) {
      return def;
    }
    try {
      return Integer.parseInt(raw.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was '" + raw.get() + "'", e);
    }
  }
}
