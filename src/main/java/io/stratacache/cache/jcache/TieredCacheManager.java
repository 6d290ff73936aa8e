package io.stratacache.cache.jcache;

import io.stratacache.cache.TieredCaches;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A {@link CacheManager} whose caches are tiered caches of one {@link TieredCaches} registry.
 *
 * <p>In the application ({@link #TieredCacheManager(TieredCaches)}, produced as {@code @Tiered
 * CacheManager}) the registry is the instance's: the caches are the ones the annotations use, with
 * the tiers, TTLs and codec configured for their names, and the manager lists and wraps every cache
 * of the registry. Through the standard provider ({@code Caching.getCachingProvider()}, see {@code
 * io.stratacache.cache.provider.StratacacheCachingProvider}) each manager owns a registry of its
 * own and closes it with itself.
 *
 * <p>A JSR-107 name that is not a tiered cache name (letters, digits, {@code _}, {@code -}, such as
 * {@code org.jsr107.tck.CacheTest}) is stored under a derived tiered name: its letters and digits,
 * {@code -}, and a hash of the name ({@link #tieredName}). Thread-safe.
 */
public final class TieredCacheManager implements CacheManager {

  /** The URI the application's manager answers to. */
  public static final java.net.URI URI = java.net.URI.create("stratacache:tiered");

  /** Property: extra class patterns the store-by-value copies may deserialize, comma-separated. */
  public static final String CODEC_ALLOW = "stratacache.jcache.codec-allow";

  private static final Pattern TIERED_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

  private final TieredCaches caches;
  private final CachingProvider provider;
  private final java.net.URI uri;
  private final ClassLoader classLoader;
  private final Properties properties;
  private final boolean ownsRegistry;
  private final Consumer<TieredCacheManager> onClose;
  private final List<String> codecAllow;
  private final ConcurrentHashMap<String, TieredJCache<?, ?>> views = new ConcurrentHashMap<>();
  private final Set<String> destroyed = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** The application's manager over the instance's registry (which it never closes). */
  public TieredCacheManager(TieredCaches caches) {
    this.caches = Objects.requireNonNull(caches, "caches");
    this.provider = new TieredCachingProvider(this);
    this.uri = URI;
    this.classLoader = TieredCacheManager.class.getClassLoader();
    this.properties = new Properties();
    this.ownsRegistry = false;
    this.onClose = m -> {};
    this.codecAllow = allowList(System.getProperty(CODEC_ALLOW));
  }

  /**
   * A provider's manager that owns {@code caches}: closing the manager closes the registry and
   * tells {@code onClose}.
   */
  public TieredCacheManager(
      TieredCaches caches,
      CachingProvider provider,
      java.net.URI uri,
      ClassLoader classLoader,
      Properties properties,
      Consumer<TieredCacheManager> onClose) {
    this.caches = Objects.requireNonNull(caches, "caches");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    this.properties = properties == null ? new Properties() : properties;
    this.ownsRegistry = true;
    this.onClose = Objects.requireNonNull(onClose, "onClose");
    String allow = this.properties.getProperty(CODEC_ALLOW, System.getProperty(CODEC_ALLOW));
    this.codecAllow = allowList(allow);
  }

  private static List<String> allowList(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * The tiered cache name of a JSR-107 cache name: the name itself when it is a valid tiered name,
   * else {@code j-<letters and digits>-<hash>}.
   */
  public static String tieredName(String name) {
    Objects.requireNonNull(name, "name");
    if (TIERED_NAME.matcher(name).matches()) {
      return name;
    }
    String plain = name.replaceAll("[^A-Za-z0-9_-]", "_");
    if (plain.length() > 80) {
      plain = plain.substring(plain.length() - 80);
    }
    int h = 0;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return "j-" + plain + "-" + Integer.toHexString(h);
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public java.net.URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  /** Runs asynchronous loads ({@code loadAll}). */
  Executor executor() {
    return ForkJoinPool.commonPool();
  }

  /** True when the registry is the application's, shared with the annotations. */
  boolean sharesTheRegistry() {
    return !ownsRegistry;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(
      String name, C configuration) {
    open();
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(configuration, "configuration");
    synchronized (views) {
      if (views.containsKey(name)
          || (!ownsRegistry
              && !destroyed.contains(name)
              && caches.find(tieredName(name)).isPresent())) {
        throw new CacheException("cache " + name + " already exists");
      }
      MutableConfiguration<K, V> copy = TieredJCache.copyOf(configuration);
      TieredJCache<K, V> view =
          new TieredJCache<>(
              caches.cache(tieredName(name), Object.class), this, name, copy, codecAllow);
      views.put(name, view);
      destroyed.remove(name);
      return view;
    }
  }

  @SuppressWarnings("unchecked")
  @Override
  public <K, V> Cache<K, V> getCache(String name, Class<K> keyType, Class<V> valueType) {
    open();
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    TieredJCache<?, ?> cache = view(name);
    if (cache == null) {
      return null;
    }
    MutableConfiguration<?, ?> config = cache.configuration();
    if (!config.getKeyType().equals(keyType)) {
      throw new ClassCastException(
          "cache " + name + " has keys of " + config.getKeyType().getName() + ", not " + keyType);
    }
    if (!config.getValueType().equals(valueType)) {
      throw new ClassCastException(
          "cache "
              + name
              + " has values of "
              + config.getValueType().getName()
              + ", not "
              + valueType);
    }
    return (Cache<K, V>) cache;
  }

  @SuppressWarnings("unchecked")
  @Override
  public <K, V> Cache<K, V> getCache(String name) {
    open();
    Objects.requireNonNull(name, "name");
    return (Cache<K, V>) view(name);
  }

  private TieredJCache<?, ?> view(String name) {
    TieredJCache<?, ?> view = views.get(name);
    if (view != null || ownsRegistry || destroyed.contains(name)) {
      return view;
    }
    // The application's manager: the annotations' caches appear as they are created.
    if (caches.find(tieredName(name)).isEmpty()) {
      return null;
    }
    synchronized (views) {
      return views.computeIfAbsent(
          name,
          n ->
              new TieredJCache<>(
                  caches.cache(tieredName(n), Object.class),
                  this,
                  n,
                  // The annotations' values are immutable by the cache's contract: by reference,
                  // so a view never needs their classes in the copy codec's allow-list.
                  new MutableConfiguration<>().setStoreByValue(false),
                  codecAllow,
                  true));
    }
  }

  @Override
  public Iterable<String> getCacheNames() {
    open();
    Set<String> names = new TreeSet<>(views.keySet());
    if (!ownsRegistry) {
      for (String n : caches.names()) {
        if (!destroyed.contains(n)) {
          names.add(n);
        }
      }
    }
    return Collections.unmodifiableSet(names);
  }

  @Override
  public void destroyCache(String name) {
    open();
    Objects.requireNonNull(name, "name");
    TieredJCache<?, ?> view;
    synchronized (views) {
      view = views.remove(name);
      destroyed.add(name);
    }
    caches.find(tieredName(name)).ifPresent(c -> c.clear());
    if (view != null) {
      view.close();
    }
  }

  /** Called by a view that closes: a later {@link #getCache} no longer finds it. */
  void release(TieredJCache<?, ?> view) {
    views.remove(view.getName(), view);
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    open();
    Objects.requireNonNull(cacheName, "cacheName");
    TieredJCache<?, ?> view = view(cacheName);
    if (view != null) {
      view.setManagementEnabled(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    open();
    Objects.requireNonNull(cacheName, "cacheName");
    TieredJCache<?, ?> view = view(cacheName);
    if (view != null) {
      view.setStatisticsEnabled(enabled);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    List<TieredJCache<?, ?>> open = new ArrayList<>(views.values());
    for (TieredJCache<?, ?> view : open) {
      view.close();
    }
    closed = true;
    views.clear();
    if (ownsRegistry) {
      caches.close();
    }
    onClose.accept(this);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    Objects.requireNonNull(type, "type");
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
      throw new IllegalStateException("the cache manager " + uri + " is closed");
    }
  }
}
