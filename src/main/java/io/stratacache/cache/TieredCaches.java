package io.stratacache.cache;

import io.stratacache.cache.tier.NearTierFactory;
import io.stratacache.cache.tier.TierFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registry of one instance's tiered caches: creates each named cache once, from its settings,
 * on the tiers the registry was given, and finds it again by name.
 *
 * <pre>{@code
 * TieredCaches caches = TieredCaches.builder()
 *     .config(key -> mpConfig.getOptionalValue(key, String.class))
 *     .near(CaffeineNearTier.factory())
 *     .grid(HazelcastGridTier.factory(hazelcast))
 *     .store(JdbcStoreTier.factory(dataSource, JdbcStoreTier.DEFAULT_TABLE))
 *     .executor(managedExecutor)
 *     .build();
 * TieredCache<BrandStats> stats = caches.cache("brand-stats", BrandStats.class);
 * }</pre>
 *
 * <p>Thread-safe. A cache is created at most once per name; creating it again with another value
 * type is refused. Every tier comes from a factory ({@link NearTierFactory} for the near tier,
 * {@link TierFactory} for the grid and store), so the core knows no tier technology; a cache whose
 * settings enable a tier the registry has no factory for is refused. {@link CacheAssembly} builds
 * each cache, {@link TierExecutors} holds the executors of tier calls and write-behind flushes.
 */
public final class TieredCaches implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TieredCaches.class.getName());

  private final Function<String, CacheSettings> settingsSource;
  private final String instanceId;
  private final MemberBoard board;
  private final CacheClock time;
  private final io.stratacache.cache.codec.Codec<MemberStats> memberCodec =
      io.stratacache.cache.codec.Codecs.binary(
          MemberStats.class, List.of("io.stratacache.cache.*"));
  private final AutoCloseable subscription;
  private final TierExecutors executors;
  private final CacheAssembly assembly;
  private final ConcurrentHashMap<String, ChainedCache<?>> caches = new ConcurrentHashMap<>();
  private final Observers observers;
  private final CoarseClock ownClock;

  private TieredCaches(Builder b) {
    this.ownClock = b.clock == null ? CoarseClock.system() : null;
    CacheClock clock = b.clock == null ? ownClock : b.clock;
    this.time = clock;
    this.observers = new Observers(b.timingSample);
    this.settingsSource = b.settings;
    this.instanceId = b.instanceId;
    this.board = b.board;
    this.executors = new TierExecutors(b.tierExecutor, b.scheduler);
    this.assembly =
        new CacheAssembly(
            new RegistryServices(clock, b.executor, b.bus, b.instanceId, b.coordinator, observers),
            b.near,
            b.grid,
            b.store,
            executors);
    this.subscription = b.bus.subscribe(this::deliver);
  }

  private void deliver(InvalidationEvent event) {
    if (event.isLossNotice()) {
      LOG.log(
          Level.WARNING,
          "invalidation bus {0}: events may have been lost; flushing the near tier of every cache",
          event.origin());
      caches.values().forEach(ChainedCache::onLoss);
      return;
    }
    ChainedCache<?> cache = caches.get(event.cacheName());
    if (cache != null) {
      cache.onRemoteInvalidation(event);
    }
  }

  /**
   * Registers an observer of every cache, present and future (latency, hot keys). It is called on
   * callers' threads inside cache calls: see {@link CacheObserver} for what it must not do.
   */
  public void addObserver(CacheObserver observer) {
    observers.add(observer);
  }

  /** Unregisters an observer; false if it was not registered. */
  public boolean removeObserver(CacheObserver observer) {
    return observers.remove(observer);
  }

  /**
   * A builder with a coarse system clock, the common pool, default settings, and no tier factory:
   * give the factories of the tiers the caches enable (the default settings enable near and grid).
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The cache called {@code name}, created on first use from the registry's settings source.
   *
   * @throws IllegalArgumentException if the cache exists with another value type, or its settings
   *     are invalid or name an unknown codec
   * @throws IllegalStateException if the settings enable a tier the registry has no factory for
   */
  public <V> TieredCache<V> cache(String name, Class<V> type) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    ChainedCache<?> cache = caches.get(name);
    if (cache == null) {
      cache = caches.computeIfAbsent(name, n -> create(settingsSource.apply(n), type));
    }
    return typed(cache, type);
  }

  /**
   * The cache with these settings, created on first use; if it exists, its settings must be equal.
   *
   * @throws IllegalArgumentException if the cache exists with other settings or value type
   * @throws IllegalStateException if the settings enable a tier the registry has no factory for
   */
  public <V> TieredCache<V> cache(CacheSettings settings, Class<V> type) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(type, "type");
    ChainedCache<?> cache = caches.computeIfAbsent(settings.name(), n -> create(settings, type));
    if (!cache.settings().equals(settings)) {
      throw new IllegalArgumentException(
          "cache " + settings.name() + " already exists with other settings: " + cache.settings());
    }
    return typed(cache, type);
  }

  /** The cache called {@code name}, if it was created. */
  public Optional<TieredCache<?>> find(String name) {
    return Optional.ofNullable(caches.get(name));
  }

  /** The names of the caches created so far, sorted. */
  public Set<String> names() {
    return new TreeSet<>(caches.keySet());
  }

  /** Statistics of every cache, sorted by name. */
  public List<CacheStats> stats() {
    List<CacheStats> all = new ArrayList<>();
    for (String name : names()) {
      all.add(caches.get(name).stats());
    }
    return all;
  }

  /**
   * Physically removes dead entries from every tier that does not do it by itself (the store
   * table); call it from a timer.
   *
   * @return how many entries were removed
   */
  public long purgeExpired() {
    long purged = 0;
    for (ChainedCache<?> cache : caches.values()) {
      purged += cache.purgeExpired();
    }
    return purged;
  }

  /**
   * The circuit-breaker state of every remote tier of every cache, sorted by cache: cheap (no tier
   * is called), for health checks. A status that is {@link TierStatus#degraded()} says why.
   */
  public List<TierStatus> tierStatuses() {
    List<TierStatus> all = new ArrayList<>();
    for (String name : names()) {
      all.addAll(caches.get(name).tierStatuses());
    }
    return all;
  }

  /**
   * Probes every open tier whose cool-down has passed (one read of an absent key; success closes
   * the breaker, repairs the tier and flushes the cache's near tier) and repairs closed tiers that
   * missed writes. Traffic probes tiers too; call this from a timer (every few seconds, on every
   * instance) so that an idle instance rejoins and its health turns {@code UP} by itself.
   */
  public void checkTiers() {
    for (ChainedCache<?> cache : caches.values()) {
      cache.checkTiers();
    }
  }

  /** How long a member's published statistics stay on the {@link MemberBoard}: ten seconds. */
  public static final Duration MEMBER_STATS_TTL = Duration.ofSeconds(10);

  /**
   * Publishes this member's statistics ({@link #stats()}, {@link #tierStatuses()}) on the member
   * board for {@link #MEMBER_STATS_TTL}; call it from a timer every few seconds. A failing board is
   * logged (FINE) and skipped.
   *
   * @return what was published
   */
  public MemberStats publishMemberStats() {
    MemberStats mine = new MemberStats(instanceId, clockMillis(), stats(), tierStatuses());
    try {
      byte[] note = memberCodec.encode(mine);
      bounded(
          () -> {
            board.publish(instanceId, note, MEMBER_STATS_TTL);
            return null;
          });
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "member statistics not published: {0}", e.toString());
    }
    return mine;
  }

  /**
   * Every member's statistics: this member's taken now (and published), then the others' as they
   * last published them (at most {@link #MEMBER_STATS_TTL} old), sorted by member id. Notes that
   * cannot be read are skipped; a failing board leaves this member's alone. {@link
   * ClusterStats#sum} adds them up.
   */
  public List<MemberStats> memberStats() {
    MemberStats mine = publishMemberStats();
    java.util.TreeMap<String, MemberStats> all = new java.util.TreeMap<>();
    for (MemberStats other : otherMembers()) {
      all.put(other.member(), other);
    }
    all.put(instanceId, mine);
    return new ArrayList<>(all.values());
  }

  /**
   * The other members' statistics as they last published them, sorted by member id, without taking
   * this member's (no tier is called: for health checks). Empty with a failing board.
   */
  public List<MemberStats> otherMembers() {
    java.util.TreeMap<String, MemberStats> all = new java.util.TreeMap<>();
    try {
      bounded(board::notes)
          .forEach(
              (member, note) -> {
                if (!member.equals(instanceId)) {
                  try {
                    all.put(member, memberCodec.decode(note));
                  } catch (RuntimeException e) {
                    LOG.log(
                        Level.FINE,
                        "statistics of member {0} unreadable: {1}",
                        new Object[] {member, e.toString()});
                  }
                }
              });
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "member board unreadable: {0}", e.toString());
    }
    return new ArrayList<>(all.values());
  }

  /** How long a board call may take before the registry answers without it. */
  static final Duration BOARD_TIMEOUT = Duration.ofSeconds(1);

  /** A board call on the tier executor, bounded by {@link #BOARD_TIMEOUT} (a stalled grid). */
  private <T> T bounded(java.util.concurrent.Callable<T> call) {
    java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(call);
    executors.tierExecutor().execute(task);
    try {
      return task.get(BOARD_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      task.cancel(true);
      throw new IllegalStateException("member board: no answer within " + BOARD_TIMEOUT, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("member board failed", e.getCause());
    }
  }

  private long clockMillis() {
    return time.millis();
  }

  /** This instance's id, the origin of its invalidation events. */
  public String instanceId() {
    return instanceId;
  }

  /**
   * Flushes every write-behind queue to the store (each bounded by its {@code
   * write-behind.shutdown-timeout}; what cannot be written is logged and counted), drops the near
   * tiers and stops listening to invalidations; shared tiers keep their data. Executors the
   * registry created itself are shut down.
   */
  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "closing the invalidation subscription failed: {0}", e.toString());
    }
    caches.values().forEach(ChainedCache::close);
    caches.clear();
    executors.close();
    if (ownClock != null) {
      ownClock.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> TieredCache<V> typed(ChainedCache<?> cache, Class<V> type) {
    if (cache.type != type) {
      throw new IllegalArgumentException(
          "cache " + cache.name() + " holds " + cache.type.getName() + ", not " + type.getName());
    }
    return (TieredCache<V>) cache;
  }

  private <V> ChainedCache<V> create(CacheSettings settings, Class<V> type) {
    return assembly.create(settings, type);
  }

  /** Configures a {@link TieredCaches}; not thread-safe. */
  public static final class Builder {
    private CacheClock clock;
    private int timingSample = Observers.DEFAULT_TIMING_SAMPLE;
    private Executor executor = ForkJoinPool.commonPool();
    private Function<String, CacheSettings> settings = CacheSettings::defaults;
    private NearTierFactory near;
    private TierFactory grid;
    private TierFactory store;
    private InvalidationBus bus = InvalidationBus.none();
    private String instanceId = UUID.randomUUID().toString();
    private LoadCoordinator coordinator = LoadCoordinator.none();
    private MemberBoard board = MemberBoard.none();
    private Executor tierExecutor;
    private ScheduledExecutorService scheduler;

    private Builder() {}

    /**
     * The time source of every cache and tier. Default: a {@link CoarseClock} over the system clock
     * (a field updated every millisecond by one daemon thread the registry owns and stops on
     * close), so a hit reads no system time.
     */
    public Builder clock(CacheClock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * How often observers get a timed read: one {@code get}/{@code peek} in {@code n} is timed (two
     * {@code nanoTime()} reads), the others are reported with {@link CacheObserver#UNTIMED}, so
     * observers still see every read (counts, hot keys) while latency is sampled. Puts and loads
     * are always timed. Default {@value Observers#DEFAULT_TIMING_SAMPLE}; 1 times every read.
     *
     * @throws IllegalArgumentException if {@code n} is not a power of two between 1 and 1024
     */
    public Builder timingSample(int n) {
      if (n < 1 || n > 1024 || Integer.bitCount(n) != 1) {
        throw new IllegalArgumentException("timing sample must be a power of two in 1..1024: " + n);
      }
      timingSample = n;
      return this;
    }

    /** Runs background refreshes (default: the common pool; in a server, a managed executor). */
    public Builder executor(Executor value) {
      executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /** Settings of a cache by name (default: {@link CacheSettings#defaults}). */
    public Builder settings(Function<String, CacheSettings> value) {
      settings = Objects.requireNonNull(value, "settings");
      return this;
    }

    /** Settings read from configuration keys by {@link CacheSettings#fromConfig}. */
    public Builder config(Function<String, Optional<String>> config) {
      Objects.requireNonNull(config, "config");
      settings = name -> CacheSettings.fromConfig(name, config);
      return this;
    }

    /** The near tier's factory (for example {@code CaffeineNearTier.factory()}). */
    public Builder near(NearTierFactory value) {
      near = value;
      return this;
    }

    /** The grid tier's factory (for example {@code HazelcastGridTier.factory(hazelcast)}). */
    public Builder grid(TierFactory value) {
      grid = value;
      return this;
    }

    /** The store tier's factory (for example {@code JdbcStoreTier.factory(dataSource, table)}). */
    public Builder store(TierFactory value) {
      store = value;
      return this;
    }

    /** How invalidations reach other instances (default: nowhere). */
    public Builder invalidationBus(InvalidationBus value) {
      bus = Objects.requireNonNull(value, "bus");
      return this;
    }

    /**
     * Where members show each other their statistics ({@link #memberStats()}); default {@link
     * MemberBoard#none()}: this member alone.
     */
    public Builder memberBoard(MemberBoard value) {
      board = Objects.requireNonNull(value, "board");
      return this;
    }

    /** This instance's id in invalidation events (default: a random UUID). */
    public Builder instanceId(String value) {
      instanceId = Objects.requireNonNull(value, "instanceId");
      return this;
    }

    /**
     * Coordinates loads across instances (for example {@code
     * HazelcastLoadCoordinator.create(hazelcast)}); default none: each instance loads alone.
     */
    public Builder loadCoordinator(LoadCoordinator value) {
      coordinator = Objects.requireNonNull(value, "coordinator");
      return this;
    }

    /**
     * Runs grid and store calls bounded by {@code grid.timeout}/{@code store.timeout}. Default: a
     * pool of up to 64 daemon threads owned (and shut down) by the registry, failing fast when
     * saturated. A stalled call holds its thread until the tier gives up, so a bounded pool is
     * safer than the application's main executor.
     */
    public Builder tierExecutor(Executor value) {
      tierExecutor = Objects.requireNonNull(value, "tierExecutor");
      return this;
    }

    /**
     * Schedules write-behind flushes. Default: one daemon thread owned (and shut down) by the
     * registry, created when the first write-behind cache is.
     */
    public Builder scheduler(ScheduledExecutorService value) {
      scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    public TieredCaches build() {
      return new TieredCaches(this);
    }
  }
}
