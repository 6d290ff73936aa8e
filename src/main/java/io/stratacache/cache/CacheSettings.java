package io.stratacache.cache;

import static io.stratacache.cache.SettingException.check;
import static io.stratacache.cache.SettingException.notNegative;
import static io.stratacache.cache.SettingException.positive;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
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
 *   <li>grid TTL 30 min, no byte bound; store TTL 24 h; negative TTL 30 s; TTL jitter ±10%;
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
 * @param gridMaxBytes the grid tier's bound on each member's share of this cache's map (owned
 *     entries and backups), in bytes, rounded up to whole MiB (the grid's unit); least recently
 *     used entries go first beyond it; 0 bounds the grid by TTL only
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
    long gridMaxBytes,
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
    check(
        nearEnabled || gridEnabled || storeEnabled,
        name,
        "near.enabled",
        "is false, and so are grid.enabled and store.enabled: no tier enabled");
    check(nearMaxBytes >= 0, name, "near.max-bytes", "must not be negative");
    check(
        nearMaxEntries > 0 || (nearMaxEntries == 0 && nearMaxBytes > 0),
        name,
        "near.max-entries",
        "must be positive (or zero with a positive near.max-bytes)");
    Objects.requireNonNull(nearExpiry, "nearExpiry");
    positive(name, "near.ttl", nearTtl);
    notNegative(name, "refresh-ahead", refreshAhead);
    positive(name, "grid.ttl", gridTtl);
    check(gridMaxBytes >= 0, name, "grid.max-bytes", "must not be negative");
    positive(name, "store.ttl", storeTtl);
    positive(name, "negative-ttl", negativeTtl);
    check(ttlJitter >= 0 && ttlJitter <= 0.5, name, "ttl-jitter", "must be in [0, 0.5]");
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
      check(failureRate > 0 && failureRate <= 1, null, "breaker.failure-rate", "must be in (0, 1]");
      check(minimumCalls >= 1, null, "breaker.minimum-calls", "must be at least 1");
      positive(null, "breaker.window", window);
      positive(null, "breaker.cool-down", coolDown);
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
      check(capacity >= 1, null, "write-behind.capacity", "must be at least 1");
      check(batchSize >= 1, null, "write-behind.batch-size", "must be at least 1");
      check(maxAttempts >= 1, null, "write-behind.max-attempts", "must be at least 1");
      positive(null, "write-behind.delay", delay);
      notNegative(null, "write-behind.block", block);
      positive(null, "write-behind.backoff", backoff);
      positive(null, "write-behind.max-backoff", maxBackoff);
      notNegative(null, "write-behind.shutdown-timeout", shutdownTimeout);
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
      notNegative(null, "single-flight.wait", maxWait);
      positive(null, "single-flight.lease", lease);
    }
  }

  /** The defaults for a cache called {@code name}. */
  public static CacheSettings defaults(String name) {
    return builder(name).build();
  }

  /** A builder starting from the defaults; {@link #toBuilder()} starts from these settings. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Reads the settings of {@code name} from configuration keys {@code cache.<name>.<key>}, falling
   * back to {@code cache.default.<key>}, then to the built-in default. The keys are the settings'
   * names in kebab case, as the validation messages name them ({@code near.ttl}, {@code
   * write-policy}, {@code breaker.cool-down}, {@code single-flight.cluster}...; the table is in
   * docs/cache-design.md §7); enums in kebab case ({@code after-access}, {@code write-behind}),
   * {@code codec.allow} comma-separated, durations as {@link #duration} reads them.
   *
   * @param config looks a key up (MicroProfile Config's {@code getOptionalValue}, a map's {@code
   *     get} wrapped in {@code Optional}, environment variables...)
   * @throws IllegalArgumentException if a value cannot be parsed or is out of range; the message is
   *     one line naming the configuration key and its value, for example {@code
   *     cache.brands.near.ttl='soon': not a duration (use 30s, 5m, PT5M)}
   */
  public static CacheSettings fromConfig(String name, Function<String, Optional<String>> config) {
    return new CacheSettingsParser(name, config).parse();
  }

  /**
   * Parses a duration: ISO-8601 ({@code PT30S}) or a non-negative number with an optional unit
   * {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} (seconds without a unit).
   *
   * @throws IllegalArgumentException if the text is neither
   */
  public static Duration duration(String text) {
    return CacheSettingsParser.duration(text);
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
    private long gridMaxBytes = 0;
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
      gridMaxBytes = s.gridMaxBytes;
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

    public Builder gridMaxBytes(long value) {
      gridMaxBytes = value;
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
          gridMaxBytes,
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
