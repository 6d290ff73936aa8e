package io.stratacache.cache.provider;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.InvalidationBus;
import io.stratacache.cache.InvalidationEvent;
import io.stratacache.cache.LoadCoordinator;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.cluster.HazelcastCluster;
import io.stratacache.cache.jcache.TieredCacheManager;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierFactory;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The standard JSR-107 {@link CachingProvider} of the tiered caches, registered in {@code
 * META-INF/services/javax.cache.spi.CachingProvider}: {@code Caching.getCachingProvider()} (with
 * {@code
 * -Djavax.cache.spi.CachingProvider=io.stratacache.cache.provider.StratacacheCachingProvider} when
 * other providers, such as Hazelcast's, are on the class path).
 *
 * <p>One {@link CacheManager} per URI and class loader; a closed manager is replaced by a new one
 * on the next request. Each manager owns a {@link TieredCaches} registry over the near tier
 * (Caffeine) only. Its caches' settings are read as {@code cache.<name>.<key>} and {@code
 * cache.default.<key>} (see docs/cache-design.md) from the manager's properties, then the system
 * properties, then these defaults: grid and store off, near TTL 100 days (JSR-107 entries are
 * eternal unless an expiry policy says otherwise), no TTL jitter, up to 1,000,000 near entries.
 *
 * <p>With {@value #GRID_CONFIG} set (a manager property, else a system property) to a Hazelcast
 * configuration file naming its member, the caches also have the grid tier: an embedded member
 * started from that file on first use and shared by every manager of the JVM (grid TTL 100 days,
 * invalidations and single-flight loads across the members). Each manager's grid maps are its own:
 * their names carry a hash of the manager's URI, so two managers' caches of one name never share
 * entries, while managers of the same URI on other members do. Thread-safe.
 */
public final class StratacacheCachingProvider implements CachingProvider {

  /** The provider's default URI. */
  public static final URI DEFAULT_URI = URI.create("stratacache:tiered");

  private static final Map<String, String> DEFAULTS =
      Map.of(
          "cache.default.grid.enabled", "false",
          "cache.default.store.enabled", "false",
          "cache.default.near.ttl", "100d",
          "cache.default.ttl-jitter", "0",
          "cache.default.near.max-entries", "1000000");

  /** The property naming the Hazelcast configuration file of the grid tier (off when unset). */
  public static final String GRID_CONFIG = "stratacache.grid.config";

  private static final Map<String, String> GRID_DEFAULTS =
      Map.of("cache.default.grid.enabled", "true", "cache.default.grid.ttl", "100d");

  private final WeakHashMap<ClassLoader, Map<URI, TieredCacheManager>> managers =
      new WeakHashMap<>();

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI u = uri == null ? getDefaultURI() : uri;
    ClassLoader cl = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties p = properties == null ? new Properties() : properties;
    synchronized (managers) {
      Map<URI, TieredCacheManager> byUri = managers.computeIfAbsent(cl, k -> new HashMap<>());
      TieredCacheManager manager = byUri.get(u);
      if (manager == null || manager.isClosed()) {
        manager = new TieredCacheManager(registry(u, p), this, u, cl, p, this::forget);
        byUri.put(u, manager);
      }
      return manager;
    }
  }

  private static TieredCaches registry(URI uri, Properties properties) {
    Function<String, Optional<String>> setting =
        key ->
            Optional.ofNullable(properties.getProperty(key))
                .or(() -> Optional.ofNullable(System.getProperty(key)));
    Optional<String> gridConfig = setting.apply(GRID_CONFIG).filter(f -> !f.isBlank());
    TieredCaches.Builder builder = TieredCaches.builder().near(CaffeineNearTier.factory());
    if (gridConfig.isPresent()) {
      HazelcastCluster cluster = HazelcastCluster.embedded(gridConfig.get());
      TierFactory grid = cluster.gridTier();
      String namespace = "m" + Integer.toHexString(uri.toString().hashCode()) + "-";
      builder
          .grid(
              new TierFactory() {
                @Override
                public Tier<byte[]> create(String name, InstantSource clock) {
                  return grid.create(namespace + name, clock);
                }

                @Override
                public Tier<byte[]> create(String name, InstantSource clock, long maxBytes) {
                  return grid.create(namespace + name, clock, maxBytes);
                }
              })
          .invalidationBus(new NamespacedBus(namespace, cluster.invalidationBus()))
          .loadCoordinator(new NamespacedLoads(namespace, cluster.loadCoordinator()));
    }
    return builder
        .settings(
            name ->
                CacheSettings.fromConfig(
                    name,
                    key ->
                        setting
                            .apply(key)
                            .or(
                                () ->
                                    Optional.ofNullable(
                                        gridConfig.isPresent() ? GRID_DEFAULTS.get(key) : null))
                            .or(() -> Optional.ofNullable(DEFAULTS.get(key)))))
        .build();
  }

  private void forget(TieredCacheManager manager) {
    synchronized (managers) {
      Map<URI, TieredCacheManager> byUri = managers.get(manager.getClassLoader());
      if (byUri != null) {
        byUri.remove(manager.getURI(), manager);
        if (byUri.isEmpty()) {
          managers.remove(manager.getClassLoader());
        }
      }
    }
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return DEFAULT_URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
  }

  @Override
  public void close() {
    List<TieredCacheManager> all = new ArrayList<>();
    synchronized (managers) {
      managers.values().forEach(m -> all.addAll(m.values()));
      managers.clear();
    }
    all.forEach(TieredCacheManager::close);
  }

  @Override
  public void close(ClassLoader classLoader) {
    ClassLoader cl = classLoader == null ? getDefaultClassLoader() : classLoader;
    List<TieredCacheManager> all = new ArrayList<>();
    synchronized (managers) {
      Map<URI, TieredCacheManager> byUri = managers.remove(cl);
      if (byUri != null) {
        all.addAll(byUri.values());
      }
    }
    all.forEach(TieredCacheManager::close);
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    URI u = uri == null ? getDefaultURI() : uri;
    ClassLoader cl = classLoader == null ? getDefaultClassLoader() : classLoader;
    TieredCacheManager manager;
    synchronized (managers) {
      Map<URI, TieredCacheManager> byUri = managers.get(cl);
      manager = byUri == null ? null : byUri.remove(u);
    }
    if (manager != null) {
      manager.close();
    }
  }

  @Override
  public boolean isSupported(OptionalFeature feature) {
    return feature == OptionalFeature.STORE_BY_REFERENCE;
  }

  /**
   * The cluster's invalidation bus as one manager sees it: its caches' events carry the manager's
   * namespace, and it receives only its own namespace's events (and loss notices).
   */
  private record NamespacedBus(String namespace, InvalidationBus bus) implements InvalidationBus {
    @Override
    public void publish(InvalidationEvent e) {
      bus.publish(e.isLossNotice() ? e : renamed(e, namespace + e.cacheName()));
    }

    @Override
    public AutoCloseable subscribe(Consumer<InvalidationEvent> listener) {
      return bus.subscribe(
          e -> {
            if (e.isLossNotice()) {
              listener.accept(e);
            } else if (e.cacheName().startsWith(namespace)) {
              listener.accept(renamed(e, e.cacheName().substring(namespace.length())));
            }
          });
    }

    private static InvalidationEvent renamed(InvalidationEvent e, String cacheName) {
      return new InvalidationEvent(
          cacheName, e.kind(), e.subject(), e.sequence(), e.origin(), e.publishedAt());
    }
  }

  /** The cluster's load leases as one manager sees them: under its namespace. */
  private record NamespacedLoads(String namespace, LoadCoordinator loads)
      implements LoadCoordinator {
    @Override
    public Lease tryAcquire(String cache, String key, Duration lease, Duration timeout) {
      return loads.tryAcquire(namespace + cache, key, lease, timeout);
    }

    @Override
    public Map<String, Lease> tryAcquireAll(
        String cache, Collection<String> keys, Duration lease, Duration timeout) {
      return loads.tryAcquireAll(namespace + cache, keys, lease, timeout);
    }

    @Override
    public boolean awaitRelease(String cache, String key, Duration timeout)
        throws InterruptedException {
      return loads.awaitRelease(namespace + cache, key, timeout);
    }
  }
}
