package io.stratacache.cache;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of one named cache: an immutable, validated record. {@link #defaults(String)} and
 * {@link #builder(String)} start from the documented defaults; {@link #fromConfig} reads them from
 * configuration keys (see docs/cache-design.md for the table).
 *
 * <p>Default values:
 *
 * <ul>
 *   <li>tiers: near and grid on, store off;
 *   <li>near: {@value #DEFAULT_NEAR_MAX_ENTRIES} entries, no byte bound, expire after write, TTL 5
 *       min, no refresh-ahead;
 *   <li>grid TTL 30 min; store TTL 24 h; negative TTL 30 s; TTL jitter ±10%;
 *   <li>stale-while-revalidate and stale-if-error off (zero);
 *   <li>codec {@code binary}, compression of payloads of {@value #DEFAULT_COMPRESSION_THRESHOLD}
 *       bytes and more; write-through.
 * </ul>
 *
 * @param name the cache's name: letters, digits, {@code _} and {@code -}, at most 100 characters
 * @param nearEnabled whether the near (in-process) tier is on
 * @param gridEnabled whether the grid (Hazelcast) tier is on
 * @param storeEnabled whether the store (database) tier is on
 * @param nearMaxEntries the near tier's entry bound (used when {@code nearMaxBytes} is 0)
 * @param nearMaxBytes the near tier's bound on its values' encoded bytes; 0 bounds by entries
 * @param nearExpiry whether {@code nearTtl} counts from the write or from the last read
 * @param nearTtl how long the near tier keeps a copy (after write), or its idle time (after access)
 * @param refreshAhead reload in the background when a hit comes within this time of expiry; zero
 *     disables
 * @param gridTtl how long the grid keeps a value
 * @param storeTtl how long the store keeps a value
 * @param negativeTtl how long a "not found" answer is cached
 * @param ttlJitter the random spread of every TTL, as a fraction: 0.1 makes a TTL of 100 s one of
 *     90–110 s; 0 to 0.5
 * @param staleWhileRevalidate how long after expiry a stale value is still served while it is
 *     reloaded in the background; zero disables
 * @param staleIfError how long after expiry a stale value is served when the loader fails; zero
 *     disables
 * @param codec {@code binary} (Java serialization with an allow-list) or {@code json} (JSON-B)
 * @param codecAllow extra class patterns the binary codec may deserialize (ObjectInputFilter
 *     syntax: {@code com.example.*}, {@code com.example.**})
 * @param compressionThreshold compress encoded values of at least this many bytes; 0 or less never
 * @param writePolicy how puts reach the tiers
 * @param gridTimeout bound of each grid call (bulk operations: ten times it); zero leaves calls
 *     unbounded, on the caller's thread
 * @param storeTimeout bound of each store call (bulk operations: ten times it); zero as above
 * @param breaker the circuit breakers of the grid and store tiers
 * @param writeBehind the store writes of the {@link WritePolicy#WRITE_BEHIND} policy
 * @param clusterLoad the cluster-wide single-flight of loads
 */
public record CacheSettings(
    String name,
    boolean nearEnabled,
    boolean gridEnabled,
    boolean storeEnabled,
    long nearMaxEntries,
    long nearMaxBytes,
    NearExpiry nearExpiry,
    Duration nearTtl,
    Duration refreshAhead,
    Duration gridTtl,
    Duration storeTtl,
    Duration negativeTtl,
    double ttlJitter,
    Duration staleWhileRevalidate,
    Duration staleIfError,
    String codec,
    List<String> codecAllow,
    int compressionThreshold,
    WritePolicy writePolicy,
    Duration gridTimeout,
    Duration storeTimeout,
    Breaker breaker,
    WriteBehind writeBehind,
    ClusterLoad clusterLoad) {

  public static final long DEFAULT_NEAR_MAX_ENTRIES = 10_000;
  public static final int DEFAULT_COMPRESSION_THRESHOLD = 1024;

  /** Prefix of every configuration key: {@code cache.<name>.<key>}. */
  public static final String CONFIG_PREFIX = "cache.";

  /** The pseudo-cache whose keys give every cache's defaults: {@code cache.default.<key>}. */
  public static final String CONFIG_DEFAULTS = "default";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  /** When the near tier's TTL starts counting. */
  public enum NearExpiry {
    /** From the write (or promotion) of the entry. */
    AFTER_WRITE,
    /** From the last read of the entry (an idle timeout), never past the value's own expiry. */
    AFTER_ACCESS
  }

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if a value is out of range, no tier is enabled, or the name is
   *     not a valid cache name
   * @throws NullPointerException if a reference component is null
   */
  public CacheSettings {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "cache name must be 1-100 letters, digits, '_' or '-' (not starting with '_'/'-'): "
              + name);
    }
    if (!nearEnabled && !gridEnabled && !storeEnabled) {
      throw new IllegalArgumentException("cache " + name + ": no tier enabled");
    }
    if (nearMaxEntries < 0 || nearMaxBytes < 0 || (nearMaxEntries == 0 && nearMaxBytes == 0)) {
      throw new IllegalArgumentException(
          "cache " + name + ": near.max-entries or near.max-bytes must be positive");
    }
    Objects.requireNonNull(nearExpiry, "nearExpiry");
    positive(name, "near.ttl", nearTtl);
    notNegative(name, "refresh-ahead", refreshAhead);
    positive(name, "grid.ttl", gridTtl);
    positive(name, "store.ttl", storeTtl);
    positive(name, "negative-ttl", negativeTtl);
    if (!(ttlJitter >= 0 && ttlJitter <= 0.5)) {
      throw new IllegalArgumentException("cache " + name + ": ttl-jitter must be in [0, 0.5]");
    }
    notNegative(name, "stale-while-revalidate", staleWhileRevalidate);
    notNegative(name, "stale-if-error", staleIfError);
    Objects.requireNonNull(codec, "codec");
    codecAllow = List.copyOf(codecAllow);
    Objects.requireNonNull(writePolicy, "writePolicy");
    notNegative(name, "grid.timeout", gridTimeout);
    notNegative(name, "store.timeout", storeTimeout);
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(writeBehind, "writeBehind");
    Objects.requireNonNull(clusterLoad, "clusterLoad");
  }

  /**
   * The circuit breaker of each remote tier (keys {@code breaker.*}).
   *
   * @param failureRate share of failed calls (errors and timeouts) in the window that opens the
   *     breaker, in (0, 1]; default 0.5
   * @param minimumCalls calls the window must hold before the rate counts; default 5
   * @param window the sliding window of outcomes; default 10 s
   * @param coolDown how long the breaker stays open before a probe; default 5 s
   */
  public record Breaker(double failureRate, int minimumCalls, Duration window, Duration coolDown) {
    public static final Breaker DEFAULT =
        new Breaker(0.5, 5, Duration.ofSeconds(10), Duration.ofSeconds(5));

    public Breaker {
      if (!(failureRate > 0 && failureRate <= 1)) {
        throw new IllegalArgumentException("breaker.failure-rate must be in (0, 1]");
      }
      if (minimumCalls < 1) {
        throw new IllegalArgumentException("breaker.minimum-calls must be at least 1");
      }
      positive("breaker", "breaker.window", window);
      positive("breaker", "breaker.cool-down", coolDown);
    }
  }

  /**
   * The write-behind queue of the store tier (keys {@code write-behind.*}).
   *
   * @param capacity most distinct keys waiting (coalesced per key); default 10,000
   * @param batchSize most writes per flush round; default 100
   * @param delay time between flush rounds, hence the longest a write waits when all goes well;
   *     default 1 s
   * @param block how long a writer waits for room when the queue is full before writing through
   *     itself; default 1 s
   * @param maxAttempts attempts of one write before it is given up (logged and counted); default 8
   * @param backoff wait after the first failed attempt, doubled after each; default 200 ms
   * @param maxBackoff the largest wait between attempts; default 30 s
   * @param shutdownTimeout how long {@code close()} keeps flushing; default 10 s
   */
  public record WriteBehind(
      int capacity,
      int batchSize,
      Duration delay,
      Duration block,
      int maxAttempts,
      Duration backoff,
      Duration maxBackoff,
      Duration shutdownTimeout) {
    public static final WriteBehind DEFAULT =
        new WriteBehind(
            10_000,
            100,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            8,
            Duration.ofMillis(200),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10));

    public WriteBehind {
      if (capacity < 1 || batchSize < 1 || maxAttempts < 1) {
        throw new IllegalArgumentException(
            "write-behind.capacity, .batch-size and .max-attempts must be at least 1");
      }
      positive("write-behind", "write-behind.delay", delay);
      notNegative("write-behind", "write-behind.block", block);
      positive("write-behind", "write-behind.backoff", backoff);
      positive("write-behind", "write-behind.max-backoff", maxBackoff);
      notNegative("write-behind", "write-behind.shutdown-timeout", shutdownTimeout);
    }
  }

  /**
   * The cluster-wide single-flight (keys {@code single-flight.*}): a miss first takes a lease on
   * the key in the grid; an instance that finds another's lease waits for that load.
   *
   * @param enabled whether loads are coordinated across instances (needs the grid tier and a load
   *     coordinator in the registry); default true
   * @param maxWait how long an instance waits for another's load before loading itself; default 3 s
   * @param lease how long a lease lives if its holder never releases it (crash); default 30 s
   */
  public record ClusterLoad(boolean enabled, Duration maxWait, Duration lease) {
    public static final ClusterLoad DEFAULT =
        new ClusterLoad(true, Duration.ofSeconds(3), Duration.ofSeconds(30));

    public ClusterLoad {
      notNegative("single-flight", "single-flight.wait", maxWait);
      positive("single-flight", "single-flight.lease", lease);
    }
  }

  /** The defaults for a cache called {@code name}. */
  public static CacheSettings defaults(String name) {
    return builder(name).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Reads the settings of {@code name} from configuration keys {@code cache.<name>.<key>}, falling
   * back to {@code cache.default.<key>}, then to the built-in default. Keys: {@code near.enabled},
   * {@code grid.enabled}, {@code store.enabled}, {@code near.max-entries}, {@code near.max-bytes},
   * {@code near.expiry} ({@code after-write}/{@code after-access}), {@code near.ttl}, {@code
   * refresh-ahead}, {@code grid.ttl}, {@code store.ttl}, {@code negative-ttl}, {@code ttl-jitter},
   * {@code stale-while-revalidate}, {@code stale-if-error}, {@code codec}, {@code codec.allow}
   * (comma-separated), {@code compression.threshold}, {@code write-policy} ({@code
   * write-through}/{@code write-behind}/{@code invalidate-only}), {@code grid.timeout}, {@code
   * store.timeout}, {@code breaker.*}, {@code write-behind.*}, {@code single-flight.*} (see the
   * nested records). Durations are ISO-8601 ({@code PT5M}) or a number with a unit {@code ms},
   * {@code s}, {@code m}, {@code h}, {@code d} (a bare number is seconds).
   *
   * @param config looks a key up (MicroProfile Config's {@code getOptionalValue}, a map's {@code
   *     get} wrapped in {@code Optional}, environment variables...)
   * @throws IllegalArgumentException if a value cannot be parsed or is out of range; the message
   *     names the key
   */
  public static CacheSettings fromConfig(String name, Function<String, Optional<String>> config) {
    Objects.requireNonNull(config, "config");
    Function<String, Optional<String>> lookup =
        key ->
            config
                .apply(CONFIG_PREFIX + name + "." + key)
                .or(() -> config.apply(CONFIG_PREFIX + CONFIG_DEFAULTS + "." + key))
                .map(String::trim)
                .filter(value -> !value.isEmpty());
    Builder b = builder(name);
    Parser p = new Parser(name, lookup);
    p.read("near.enabled", CacheSettings::bool).ifPresent(b::nearEnabled);
    p.read("grid.enabled", CacheSettings::bool).ifPresent(b::gridEnabled);
    p.read("store.enabled", CacheSettings::bool).ifPresent(b::storeEnabled);
    p.read("near.max-entries", Long::parseLong).ifPresent(b::nearMaxEntries);
    p.read("near.max-bytes", Long::parseLong).ifPresent(b::nearMaxBytes);
    p.read("near.expiry", v -> constant(NearExpiry.class, v)).ifPresent(b::nearExpiry);
    p.read("near.ttl", CacheSettings::duration).ifPresent(b::nearTtl);
    p.read("refresh-ahead", CacheSettings::duration).ifPresent(b::refreshAhead);
    p.read("grid.ttl", CacheSettings::duration).ifPresent(b::gridTtl);
    p.read("store.ttl", CacheSettings::duration).ifPresent(b::storeTtl);
    p.read("negative-ttl", CacheSettings::duration).ifPresent(b::negativeTtl);
    p.read("ttl-jitter", Double::parseDouble).ifPresent(b::ttlJitter);
    p.read("stale-while-revalidate", CacheSettings::duration).ifPresent(b::staleWhileRevalidate);
    p.read("stale-if-error", CacheSettings::duration).ifPresent(b::staleIfError);
    p.read("codec", v -> v.toLowerCase(Locale.ROOT)).ifPresent(b::codec);
    p.read(
            "codec.allow",
            v -> Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
        .ifPresent(b::codecAllow);
    p.read("compression.threshold", Integer::parseInt).ifPresent(b::compressionThreshold);
    p.read("write-policy", v -> constant(WritePolicy.class, v)).ifPresent(b::writePolicy);
    p.read("grid.timeout", CacheSettings::duration).ifPresent(b::gridTimeout);
    p.read("store.timeout", CacheSettings::duration).ifPresent(b::storeTimeout);
    Breaker br = Breaker.DEFAULT;
    br =
        new Breaker(
            p.read("breaker.failure-rate", Double::parseDouble).orElse(br.failureRate()),
            p.read("breaker.minimum-calls", Integer::parseInt).orElse(br.minimumCalls()),
            p.read("breaker.window", CacheSettings::duration).orElse(br.window()),
            p.read("breaker.cool-down", CacheSettings::duration).orElse(br.coolDown()));
    b.breaker(br);
    WriteBehind wb = WriteBehind.DEFAULT;
    b.writeBehind(
        new WriteBehind(
            p.read("write-behind.capacity", Integer::parseInt).orElse(wb.capacity()),
            p.read("write-behind.batch-size", Integer::parseInt).orElse(wb.batchSize()),
            p.read("write-behind.delay", CacheSettings::duration).orElse(wb.delay()),
            p.read("write-behind.block", CacheSettings::duration).orElse(wb.block()),
            p.read("write-behind.max-attempts", Integer::parseInt).orElse(wb.maxAttempts()),
            p.read("write-behind.backoff", CacheSettings::duration).orElse(wb.backoff()),
            p.read("write-behind.max-backoff", CacheSettings::duration).orElse(wb.maxBackoff()),
            p.read("write-behind.shutdown-timeout", CacheSettings::duration)
                .orElse(wb.shutdownTimeout())));
    ClusterLoad cl = ClusterLoad.DEFAULT;
    b.clusterLoad(
        new ClusterLoad(
            p.read("single-flight.cluster", CacheSettings::bool).orElse(cl.enabled()),
            p.read("single-flight.wait", CacheSettings::duration).orElse(cl.maxWait()),
            p.read("single-flight.lease", CacheSettings::duration).orElse(cl.lease())));
    return b.build();
  }

  /**
   * Parses a duration: ISO-8601 ({@code PT30S}) or a non-negative number with an optional unit
   * {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} (seconds without a unit).
   *
   * @throws IllegalArgumentException if the text is neither
   */
  public static Duration duration(String text) {
    String value = text.trim();
    Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      String unit = simple.group(2) == null ? "s" : simple.group(2);
      switch (unit) {
        case "ms":
          return Duration.ofMillis(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        case "d":
          return Duration.ofDays(amount);
        default:
          return Duration.ofSeconds(amount);
      }
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use 30s, 5m, PT5M)", e);
    }
  }

  /** Reads one key and parses it, naming the key in any parse error. */
  private record Parser(String cache, Function<String, Optional<String>> lookup) {
    <T> Optional<T> read(String key, Function<String, T> parse) {
      return lookup
          .apply(key)
          .map(
              value -> {
                try {
                  return parse.apply(value);
                } catch (IllegalArgumentException e) {
                  throw new IllegalArgumentException(
                      "cache " + cache + ": bad " + key + " '" + value + "': " + e.getMessage(), e);
                }
              });
    }
  }

  private static boolean bool(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("must be true or false");
    }
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String value) {
    String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return Enum.valueOf(type, normalized);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()), e);
    }
  }

  private static void positive(String cache, String key, Duration value) {
    Objects.requireNonNull(value, key);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("cache " + cache + ": " + key + " must be positive");
    }
  }

  private static void notNegative(String cache, String key, Duration value) {
    Objects.requireNonNull(value, key);
    if (value.isNegative()) {
      throw new IllegalArgumentException("cache " + cache + ": " + key + " must not be negative");
    }
  }

  /** A mutable builder of {@link CacheSettings}; not thread-safe. */
  public static final class Builder {
    private String name;
    private boolean nearEnabled = true;
    private boolean gridEnabled = true;
    private boolean storeEnabled = false;
    private long nearMaxEntries = DEFAULT_NEAR_MAX_ENTRIES;
    private long nearMaxBytes = 0;
    private NearExpiry nearExpiry = NearExpiry.AFTER_WRITE;
    private Duration nearTtl = Duration.ofMinutes(5);
    private Duration refreshAhead = Duration.ZERO;
    private Duration gridTtl = Duration.ofMinutes(30);
    private Duration storeTtl = Duration.ofHours(24);
    private Duration negativeTtl = Duration.ofSeconds(30);
    private double ttlJitter = 0.10;
    private Duration staleWhileRevalidate = Duration.ZERO;
    private Duration staleIfError = Duration.ZERO;
    private String codec = "binary";
    private List<String> codecAllow = List.of();
    private int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
    private WritePolicy writePolicy = WritePolicy.WRITE_THROUGH;
    private Duration gridTimeout = Duration.ofMillis(500);
    private Duration storeTimeout = Duration.ofSeconds(2);
    private Breaker breaker = Breaker.DEFAULT;
    private WriteBehind writeBehind = WriteBehind.DEFAULT;
    private ClusterLoad clusterLoad = ClusterLoad.DEFAULT;

    private Builder(String name) {
      this.name = name;
    }

    private Builder(CacheSettings s) {
      name = s.name;
      nearEnabled = s.nearEnabled;
      gridEnabled = s.gridEnabled;
      storeEnabled = s.storeEnabled;
      nearMaxEntries = s.nearMaxEntries;
      nearMaxBytes = s.nearMaxBytes;
      nearExpiry = s.nearExpiry;
      nearTtl = s.nearTtl;
      refreshAhead = s.refreshAhead;
      gridTtl = s.gridTtl;
      storeTtl = s.storeTtl;
      negativeTtl = s.negativeTtl;
      ttlJitter = s.ttlJitter;
      staleWhileRevalidate = s.staleWhileRevalidate;
      staleIfError = s.staleIfError;
      codec = s.codec;
      codecAllow = s.codecAllow;
      compressionThreshold = s.compressionThreshold;
      writePolicy = s.writePolicy;
      gridTimeout = s.gridTimeout;
      storeTimeout = s.storeTimeout;
      breaker = s.breaker;
      writeBehind = s.writeBehind;
      clusterLoad = s.clusterLoad;
    }

    public Builder gridTimeout(Duration value) {
      gridTimeout = value;
      return this;
    }

    public Builder storeTimeout(Duration value) {
      storeTimeout = value;
      return this;
    }

    public Builder breaker(Breaker value) {
      breaker = value;
      return this;
    }

    public Builder writeBehind(WriteBehind value) {
      writeBehind = value;
      return this;
    }

    public Builder clusterLoad(ClusterLoad value) {
      clusterLoad = value;
      return this;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder nearEnabled(boolean value) {
      nearEnabled = value;
      return this;
    }

    public Builder gridEnabled(boolean value) {
      gridEnabled = value;
      return this;
    }

    public Builder storeEnabled(boolean value) {
      storeEnabled = value;
      return this;
    }

    public Builder nearMaxEntries(long value) {
      nearMaxEntries = value;
      return this;
    }

    public Builder nearMaxBytes(long value) {
      nearMaxBytes = value;
      return this;
    }

    public Builder nearExpiry(NearExpiry value) {
      nearExpiry = value;
      return this;
    }

    public Builder nearTtl(Duration value) {
      nearTtl = value;
      return this;
    }

    public Builder refreshAhead(Duration value) {
      refreshAhead = value;
      return this;
    }

    public Builder gridTtl(Duration value) {
      gridTtl = value;
      return this;
    }

    public Builder storeTtl(Duration value) {
      storeTtl = value;
      return this;
    }

    public Builder negativeTtl(Duration value) {
      negativeTtl = value;
      return this;
    }

    public Builder ttlJitter(double value) {
      ttlJitter = value;
      return this;
    }

    public Builder staleWhileRevalidate(Duration value) {
      staleWhileRevalidate = value;
      return this;
    }

    public Builder staleIfError(Duration value) {
      staleIfError = value;
      return this;
    }

    public Builder codec(String value) {
      codec = value;
      return this;
    }

    public Builder codecAllow(List<String> value) {
      codecAllow = value;
      return this;
    }

    public Builder compressionThreshold(int value) {
      compressionThreshold = value;
      return this;
    }

    public Builder writePolicy(WritePolicy value) {
      writePolicy = value;
      return this;
    }

    /** Only these tiers on, the others off. */
    public Builder tiers(boolean near, boolean grid, boolean store) {
      nearEnabled = near;
      gridEnabled = grid;
      storeEnabled = store;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @throws IllegalArgumentException as {@link CacheSettings#CacheSettings} does
     */
    public CacheSettings build() {
      return new CacheSettings(
          name,
          nearEnabled,
          gridEnabled,
          storeEnabled,
          nearMaxEntries,
          nearMaxBytes,
          nearExpiry,
          nearTtl,
          refreshAhead,
          gridTtl,
          storeTtl,
          negativeTtl,
          ttlJitter,
          staleWhileRevalidate,
          staleIfError,
          codec,
          codecAllow,
          compressionThreshold,
          writePolicy,
          gridTimeout,
          storeTimeout,
          breaker,
          writeBehind,
          clusterLoad);
    }
  }
}
