package io.stratacache.cache;

import io.stratacache.cache.codec.Codec;
import io.stratacache.cache.codec.Codecs;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierFactory;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.lang.System.Logger.Level;
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
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The registry of one instance's tiered caches: creates each named cache once, from its settings,
 * on the tiers the registry was given, and finds it again by name.
 *
 * <pre>{@code
 * TieredCaches caches = TieredCaches.builder()
 *     .config(key -> mpConfig.getOptionalValue(key, String.class))
 *     .grid(HazelcastGridTier.factory(hazelcast))
 *     .store(JdbcStoreTier.factory(dataSource, JdbcStoreTier.DEFAULT_TABLE))
 *     .executor(managedExecutor)
 *     .build();
 * TieredCache<BrandStats> stats = caches.cache("brand-stats", BrandStats.class);
 * }</pre>
 *
 * <p>Thread-safe. A cache is created at most once per name; creating it again with another value
 * type is refused. The near tier is always Caffeine; the grid and store tiers come from the
 * factories, and a cache whose settings enable a tier the registry has no factory for is refused.
 */
public final class TieredCaches implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TieredCaches.class.getName());

  private final CacheClock clock;
  private final Executor executor;
  private final Function<String, CacheSettings> settingsSource;
  private final TierFactory grid;
  private final TierFactory store;
  private final InvalidationBus bus;
  private final String instanceId;
  private final AutoCloseable subscription;
  private final LoadCoordinator coordinator;
  private final Executor tierExecutor;
  private final boolean ownsTierExecutor;
  private ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final ConcurrentHashMap<String, ChainedCache<?>> caches = new ConcurrentHashMap<>();
  private final Observers observers = new Observers();

  private TieredCaches(Builder b) {
    this.clock = b.clock;
    this.executor = b.executor;
    this.settingsSource = b.settings;
    this.grid = b.grid;
    this.store = b.store;
    this.bus = b.bus;
    this.instanceId = b.instanceId;
    this.coordinator = b.coordinator;
    this.ownsTierExecutor = b.tierExecutor == null;
    this.tierExecutor = ownsTierExecutor ? defaultTierExecutor() : b.tierExecutor;
    this.scheduler = b.scheduler;
    this.ownsScheduler = b.scheduler == null;
    this.subscription = bus.subscribe(this::deliver);
  }

  private void deliver(InvalidationEvent event) {
    if (event.isLossNotice()) {
      LOG.log(
          Level.WARNING,
          "invalidation bus {0} lost events; flushing the near tier of every cache",
          event.origin());
      caches.values().forEach(ChainedCache::onLoss);
      return;
    }
    ChainedCache<?> cache = caches.get(event.cacheName());
    if (cache != null) {
      cache.onRemoteInvalidation(event);
    }
  }

  /** Up to 64 daemon threads for tier calls bounded by a timeout; a saturated pool fails fast. */
  private static Executor defaultTierExecutor() {
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            64,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread t = new Thread(task, "stratacache-tier-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    return pool;
  }

  private synchronized ScheduledExecutorService scheduler() {
    if (scheduler == null) {
      ScheduledThreadPoolExecutor pool =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread t = new Thread(task, "stratacache-write-behind");
                t.setDaemon(true);
                return t;
              });
      pool.setRemoveOnCancelPolicy(true);
      scheduler = pool;
    }
    return scheduler;
  }

  /** A builder with the system clock, the common pool, default settings, no grid and no store. */
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
    synchronized (this) {
      if (ownsScheduler && scheduler != null) {
        scheduler.shutdownNow();
      }
    }
    if (ownsTierExecutor) {
      ((ThreadPoolExecutor) tierExecutor).shutdownNow();
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
    String name = settings.name();
    Codec<V> codec = Codecs.named(settings.codec(), type, settings.codecAllow());
    GuardedTier<Object> nearTier = null;
    if (settings.nearEnabled()) {
      nearTier =
          new GuardedTier<>(
              CaffeineNearTier.create(
                  settings.nearMaxEntries(),
                  settings.nearMaxBytes(),
                  settings.nearExpiry() == CacheSettings.NearExpiry.AFTER_ACCESS
                      ? settings.nearTtl()
                      : null,
                  clock,
                  ForkJoinPool.commonPool()),
              name,
              clock);
    }
    GuardedTier<byte[]> gridTier =
        settings.gridEnabled() ? remote(grid, "grid", settings, settings.gridTimeout()) : null;
    GuardedTier<byte[]> storeTier =
        settings.storeEnabled() ? remote(store, "store", settings, settings.storeTimeout()) : null;
    WriteBehind writeBehind = null;
    if (settings.writePolicy() == WritePolicy.WRITE_BEHIND && storeTier != null) {
      writeBehind = new WriteBehind(name, storeTier, settings.writeBehind(), clock);
      writeBehind.start(scheduler());
    }
    ChainedCache<V> cache =
        new ChainedCache<>(
            settings,
            type,
            new PayloadEncoder<>(codec, settings.compressionThreshold()),
            nearTier,
            gridTier,
            storeTier,
            clock,
            executor,
            bus,
            instanceId,
            writeBehind,
            coordinator,
            observers);
    LOG.log(
        Level.INFO,
        "cache {0}: tiers near={1} grid={2} store={3}, codec {4}, {5}",
        name,
        settings.nearEnabled(),
        settings.gridEnabled(),
        settings.storeEnabled(),
        settings.codec(),
        settings.writePolicy());
    return cache;
  }

  private GuardedTier<byte[]> remote(
      TierFactory factory, String tier, CacheSettings settings, Duration timeout) {
    String cacheName = settings.name();
    if (factory == null) {
      throw new IllegalStateException(
          "cache "
              + cacheName
              + " enables the "
              + tier
              + " tier, but the registry has no "
              + tier
              + " (set cache."
              + cacheName
              + "."
              + tier
              + ".enabled=false or give one)");
    }
    Tier<byte[]> created = Objects.requireNonNull(factory.create(cacheName, clock), tier);
    return new GuardedTier<>(created, cacheName, clock, settings.breaker(), timeout, tierExecutor);
  }

  /** Configures a {@link TieredCaches}; not thread-safe. */
  public static final class Builder {
    private CacheClock clock = CacheClock.system();
    private Executor executor = ForkJoinPool.commonPool();
    private Function<String, CacheSettings> settings = CacheSettings::defaults;
    private TierFactory grid;
    private TierFactory store;
    private InvalidationBus bus = InvalidationBus.none();
    private String instanceId = UUID.randomUUID().toString();
    private LoadCoordinator coordinator = LoadCoordinator.none();
    private Executor tierExecutor;
    private ScheduledExecutorService scheduler;

    private Builder() {}

    /** The time source of every cache and tier (default: the system clock). */
    public Builder clock(CacheClock value) {
      clock = Objects.requireNonNull(value, "clock");
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
