package io.stratacache.cache;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one cache's {@link CacheSettings} from configuration keys {@code cache.<name>.<key>},
 * falling back to {@code cache.default.<key>}, then to the built-in default (the key table is in
 * {@link CacheSettings#fromConfig}). A value that cannot be parsed or is out of range is refused
 * with one line naming the configuration key it came from, for example {@code
 * cache.brand-stats.near.ttl='soon': not a duration (use 30s, 5m, PT5M)}. Not thread-safe; one
 * parser reads one cache once.
 */
final class CacheSettingsParser {
  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private final String name;
  private final Function<String, Optional<String>> config;

  /** The configuration key and value each setting was read from, by setting. */
  private final Map<String, String[]> read = new HashMap<>();

  CacheSettingsParser(String name, Function<String, Optional<String>> config) {
    this.name = name;
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The settings.
   *
   * @throws IllegalArgumentException naming the configuration key, if a value cannot be parsed or
   *     is out of range
   */
  CacheSettings parse() {
    try {
      return build();
    } catch (SettingException e) {
      String[] source = read.get(e.setting());
      String key =
          source != null ? source[0] : CacheSettings.CONFIG_PREFIX + name + "." + e.setting();
      String value = source != null ? "='" + source[1] + "'" : "";
      throw new IllegalArgumentException(key + value + ": " + e.detail());
    }
  }

  private CacheSettings build() {
    CacheSettings.Builder b = CacheSettings.builder(name);
    read("near.enabled", CacheSettingsParser::bool).ifPresent(b::nearEnabled);
    read("grid.enabled", CacheSettingsParser::bool).ifPresent(b::gridEnabled);
    read("store.enabled", CacheSettingsParser::bool).ifPresent(b::storeEnabled);
    read("near.max-entries", Long::parseLong).ifPresent(b::nearMaxEntries);
    read("near.max-bytes", Long::parseLong).ifPresent(b::nearMaxBytes);
    read("near.expiry", v -> constant(CacheSettings.NearExpiry.class, v)).ifPresent(b::nearExpiry);
    read("near.ttl", CacheSettingsParser::duration).ifPresent(b::nearTtl);
    read("refresh-ahead", CacheSettingsParser::duration).ifPresent(b::refreshAhead);
    read("grid.ttl", CacheSettingsParser::duration).ifPresent(b::gridTtl);
    read("grid.max-bytes", Long::parseLong).ifPresent(b::gridMaxBytes);
    read("store.ttl", CacheSettingsParser::duration).ifPresent(b::storeTtl);
    read("negative-ttl", CacheSettingsParser::duration).ifPresent(b::negativeTtl);
    read("ttl-jitter", Double::parseDouble).ifPresent(b::ttlJitter);
    read("stale-while-revalidate", CacheSettingsParser::duration)
        .ifPresent(b::staleWhileRevalidate);
    read("stale-if-error", CacheSettingsParser::duration).ifPresent(b::staleIfError);
    read("codec", v -> v.toLowerCase(Locale.ROOT)).ifPresent(b::codec);
    read(
            "codec.allow",
            v -> Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
        .ifPresent(b::codecAllow);
    read("compression.threshold", Integer::parseInt).ifPresent(b::compressionThreshold);
    read("write-policy", v -> constant(WritePolicy.class, v)).ifPresent(b::writePolicy);
    read("grid.timeout", CacheSettingsParser::duration).ifPresent(b::gridTimeout);
    read("store.timeout", CacheSettingsParser::duration).ifPresent(b::storeTimeout);
    CacheSettings.Breaker br = CacheSettings.Breaker.DEFAULT;
    b.breaker(
        new CacheSettings.Breaker(
            read("breaker.failure-rate", Double::parseDouble).orElse(br.failureRate()),
            read("breaker.minimum-calls", Integer::parseInt).orElse(br.minimumCalls()),
            read("breaker.window", CacheSettingsParser::duration).orElse(br.window()),
            read("breaker.cool-down", CacheSettingsParser::duration).orElse(br.coolDown())));
    CacheSettings.WriteBehind wb = CacheSettings.WriteBehind.DEFAULT;
    b.writeBehind(
        new CacheSettings.WriteBehind(
            read("write-behind.capacity", Integer::parseInt).orElse(wb.capacity()),
            read("write-behind.batch-size", Integer::parseInt).orElse(wb.batchSize()),
            read("write-behind.delay", CacheSettingsParser::duration).orElse(wb.delay()),
            read("write-behind.block", CacheSettingsParser::duration).orElse(wb.block()),
            read("write-behind.max-attempts", Integer::parseInt).orElse(wb.maxAttempts()),
            read("write-behind.backoff", CacheSettingsParser::duration).orElse(wb.backoff()),
            read("write-behind.max-backoff", CacheSettingsParser::duration).orElse(wb.maxBackoff()),
            read("write-behind.shutdown-timeout", CacheSettingsParser::duration)
                .orElse(wb.shutdownTimeout())));
    CacheSettings.ClusterLoad cl = CacheSettings.ClusterLoad.DEFAULT;
    b.clusterLoad(
        new CacheSettings.ClusterLoad(
            read("single-flight.cluster", CacheSettingsParser::bool).orElse(cl.enabled()),
            read("single-flight.wait", CacheSettingsParser::duration).orElse(cl.maxWait()),
            read("single-flight.lease", CacheSettingsParser::duration).orElse(cl.lease())));
    return b.build();
  }

  /** Reads one setting (the cache's key, else the defaults' key) and parses it. */
  private <T> Optional<T> read(String setting, Function<String, T> parse) {
    String own = CacheSettings.CONFIG_PREFIX + name + "." + setting;
    String shared = CacheSettings.CONFIG_PREFIX + CacheSettings.CONFIG_DEFAULTS + "." + setting;
    String key = own;
    Optional<String> value = present(own);
    if (value.isEmpty()) {
      key = shared;
      value = present(shared);
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get();
    read.put(setting, new String[] {key, text});
    try {
      return Optional.of(parse.apply(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "='" + text + "': not a number");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + "='" + text + "': " + e.getMessage());
    }
  }

  private Optional<String> present(String key) {
    return config.apply(key).map(String::trim).filter(value -> !value.isEmpty());
  }

  /** See {@link CacheSettings#duration}. */
  static Duration duration(String text) {
    String value = text.trim();
    Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      String unit = simple.group(2) == null ? "s" : simple.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default -> Duration.ofSeconds(amount);
      };
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration (use 30s, 5m, PT5M)");
    }
  }

  private static boolean bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String value) {
    String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return Enum.valueOf(type, normalized);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                  .toList());
    }
  }
}
