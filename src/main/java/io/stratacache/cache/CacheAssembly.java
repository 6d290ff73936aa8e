package io.stratacache.cache;

import io.stratacache.cache.codec.Codec;
import io.stratacache.cache.codec.Codecs;
import io.stratacache.cache.tier.NearTierFactory;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds one {@link ChainedCache} from its settings: the codec, each enabled tier from its factory
 * wrapped in its {@link GuardedTier}, the write-behind queue. Knows no tier technology: every tier
 * comes from a factory the registry was given. Thread-safe (holds nothing mutable).
 */
final class CacheAssembly {
  private static final Logger LOG = Logger.getLogger(TieredCaches.class.getName());

  private final RegistryServices services;
  private final CacheClock clock;
  private final NearTierFactory near;
  private final TierFactory grid;
  private final TierFactory store;
  private final TierExecutors executors;

  /**
   * @param near the near tier's factory, or null if the registry has none (likewise grid, store)
   */
  CacheAssembly(
      RegistryServices services,
      NearTierFactory near,
      TierFactory grid,
      TierFactory store,
      TierExecutors executors) {
    this.services = services;
    this.clock = services.clock();
    this.near = near;
    this.grid = grid;
    this.store = store;
    this.executors = executors;
  }

  /**
   * A new cache with these settings.
   *
   * @throws IllegalArgumentException if the settings name an unknown codec
   * @throws IllegalStateException if the settings enable a tier the registry has no factory for
   */
  <V> ChainedCache<V> create(CacheSettings settings, Class<V> type) {
    String name = settings.name();
    Codec<V> codec = Codecs.named(settings.codec(), type, settings.codecAllow());
    GuardedTier<Object> nearTier = null;
    if (settings.nearEnabled()) {
      NearTierFactory.Bounds bounds =
          new NearTierFactory.Bounds(
              settings.nearMaxEntries(),
              settings.nearMaxBytes(),
              settings.nearExpiry() == CacheSettings.NearExpiry.AFTER_ACCESS
                  ? settings.nearTtl()
                  : null);
      Tier<Object> created = required(near, "near", name).create(name, bounds, clock);
      nearTier = new GuardedTier<>(Objects.requireNonNull(created, "near"), name, clock);
    }
    GuardedTier<byte[]> gridTier =
        settings.gridEnabled()
            ? remote(grid, "grid", settings, settings.gridTimeout(), settings.gridMaxBytes())
            : null;
    GuardedTier<byte[]> storeTier =
        settings.storeEnabled()
            ? remote(store, "store", settings, settings.storeTimeout(), 0)
            : null;
    WriteBehind writeBehind = null;
    if (settings.writePolicy() == WritePolicy.WRITE_BEHIND && storeTier != null) {
      writeBehind = new WriteBehind(name, storeTier, settings.writeBehind(), clock);
      writeBehind.start(executors.scheduler());
    }
    ChainedCache<V> cache =
        new ChainedCache<>(
            settings,
            type,
            new PayloadEncoder<>(codec, settings.compressionThreshold()),
            new TierSet(nearTier, gridTier, storeTier),
            writeBehind,
            services);
    LOG.log(
        Level.INFO,
        "cache {0}: tiers near={1} grid={2} store={3}, codec {4}, {5}",
        new Object[] {
          name,
          settings.nearEnabled(),
          settings.gridEnabled(),
          settings.storeEnabled(),
          settings.codec(),
          settings.writePolicy()
        });
    return cache;
  }

  private GuardedTier<byte[]> remote(
      TierFactory factory, String tier, CacheSettings settings, Duration timeout, long maxBytes) {
    String cacheName = settings.name();
    TierFactory present = required(factory, tier, cacheName);
    Tier<byte[]> created =
        Objects.requireNonNull(
            maxBytes > 0
                ? present.create(cacheName, clock, maxBytes)
                : present.create(cacheName, clock),
            tier);
    return new GuardedTier<>(
        created, cacheName, clock, settings.breaker(), timeout, executors.tierExecutor());
  }

  /** The factory, or the refusal of a cache that enables a tier the registry has none for. */
  private static <F> F required(F factory, String tier, String cacheName) {
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
    return factory;
  }
}
