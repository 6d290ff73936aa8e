package io.stratacache.cache.jcache;

import io.stratacache.cache.TieredCaches;
import java.net.URI;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A {@link CacheManager} whose caches are the instance's tiered caches: the same ones the
 * annotations use, with the tiers, TTLs and codec configured for their names ({@code
 * cache.<name>.*}). A {@link Configuration}'s types and read-through loader are honoured; its
 * expiry policy and store-by-value flag are not (TTLs come from the cache's settings, and values
 * always cross the grid by value). Thread-safe.
 */
public final class TieredCacheManager implements CacheManager {

  /** The URI this manager answers to. */
  public static final URI URI = java.net.URI.create("stratacache:tiered");

  private final TieredCaches caches;
  private final TieredCachingProvider provider;
  private final ConcurrentHashMap<String, TieredJCache<?, ?>> views = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public TieredCacheManager(TieredCaches caches) {
    this.caches = Objects.requireNonNull(caches, "caches");
    this.provider = new TieredCachingProvider(this);
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return URI;
  }

  @Override
  public ClassLoader getClassLoader() {
    return TieredCacheManager.class.getClassLoader();
  }

  @Override
  public Properties getProperties() {
    return new Properties();
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(
      String name, C configuration) {
    open();
    Objects.requireNonNull(configuration, "configuration");
    if (views.containsKey(name)) {
      throw new CacheException("cache " + name + " already exists");
    }
    MutableConfiguration<K, V> copy = copy(configuration);
    TieredJCache<K, V> view = new TieredJCache<>(caches.cache(name, Object.class), this, copy);
    if (views.putIfAbsent(name, view) != null) {
      throw new CacheException("cache " + name + " already exists");
    }
    return view;
  }

  @SuppressWarnings("unchecked")
  @Override
  public <K, V> Cache<K, V> getCache(String name, Class<K> keyType, Class<V> valueType) {
    Cache<K, V> cache = (Cache<K, V>) getCache(name);
    if (cache == null) {
      return null;
    }
    MutableConfiguration<?, ?> config = cache.getConfiguration(MutableConfiguration.class);
    if (!config.getKeyType().isAssignableFrom(keyType)
        || !config.getValueType().isAssignableFrom(valueType)) {
      throw new ClassCastException(
          "cache "
              + name
              + " holds "
              + config.getKeyType().getName()
              + " -> "
              + config.getValueType().getName());
    }
    return cache;
  }

  @SuppressWarnings("unchecked")
  @Override
  public <K, V> Cache<K, V> getCache(String name) {
    open();
    TieredJCache<?, ?> view = views.get(name);
    if (view == null && caches.find(name).isPresent()) {
      view =
          views.computeIfAbsent(
              name,
              n ->
                  new TieredJCache<>(
                      caches.cache(n, Object.class), this, new MutableConfiguration<>()));
    }
    return (Cache<K, V>) view;
  }

  @Override
  public Iterable<String> getCacheNames() {
    open();
    java.util.Set<String> names = new java.util.TreeSet<>(caches.names());
    names.addAll(views.keySet());
    return java.util.Collections.unmodifiableSet(names);
  }

  @Override
  public void destroyCache(String name) {
    open();
    caches.find(name).ifPresent(c -> c.clear());
    TieredJCache<?, ?> view = views.remove(name);
    if (view != null) {
      view.close();
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    // Management beans are not offered; statistics are always on (see /api/v1/cache/stats).
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    // Statistics are always collected by the tiered caches.
  }

  @Override
  public void close() {
    closed = true;
    views.values().forEach(TieredJCache::close);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isInstance(caches)) {
      return type.cast(caches);
    }
    throw new IllegalArgumentException("cannot unwrap to " + type);
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the cache manager is closed");
    }
  }

  @SuppressWarnings("unchecked")
  private static <K, V> MutableConfiguration<K, V> copy(Configuration<K, V> c) {
    if (c instanceof javax.cache.configuration.CompleteConfiguration<K, V> complete) {
      return new MutableConfiguration<>(complete);
    }
    return new MutableConfiguration<K, V>().setTypes(c.getKeyType(), c.getValueType());
  }
}
