package io.stratacache.cache.jcache;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.cache.configuration.MutableConfiguration;
import javax.management.ObjectName;

/**
 * The JSR-107 MXBeans of the caches the annotations use, so that a JMX console (JConsole, VisualVM,
 * an application server's) shows them as it shows the programmatic caches: a cache with {@code
 * cache.<name>.jcache.statistics=true} (or {@code cache.default.jcache.statistics}) gets a {@code
 * CacheStatisticsMXBean} counted by {@link AnnotatedCaching}; one with {@code
 * cache.<name>.jcache.management=true} a {@code CacheMXBean}. Both default to false, and {@code
 * <name>} is the tiered cache name. They are registered in the platform {@code MBeanServer} when
 * the annotations first use the cache, as {@code
 * javax.cache:type=CacheStatistics|CacheConfiguration,CacheManager=<uri>,Cache=<name>}; when a
 * {@code @Tiered CacheManager} view of the same cache registered its beans first, the view's stay.
 * Thread-safe.
 */
final class AnnotatedCacheMXBeans implements AutoCloseable {

  private final URI manager;
  private final Predicate<String> statisticsEnabled;
  private final Predicate<String> managementEnabled;
  private final ConcurrentHashMap<String, Optional<JCacheStatistics>> statistics =
      new ConcurrentHashMap<>();
  private final Set<ObjectName> registered = ConcurrentHashMap.newKeySet();

  AnnotatedCacheMXBeans(
      URI manager, Predicate<String> statisticsEnabled, Predicate<String> managementEnabled) {
    this.manager = Objects.requireNonNull(manager, "manager");
    this.statisticsEnabled = Objects.requireNonNull(statisticsEnabled, "statisticsEnabled");
    this.managementEnabled = Objects.requireNonNull(managementEnabled, "managementEnabled");
  }

  /** No MXBeans at all. */
  static AnnotatedCacheMXBeans none() {
    return new AnnotatedCacheMXBeans(TieredCacheManager.URI, name -> false, name -> false);
  }

  /**
   * The MXBeans the configuration enables, under {@link TieredCacheManager#URI}: {@code config}
   * answers a key such as {@code cache.brand-stats.jcache.statistics}.
   */
  static AnnotatedCacheMXBeans fromConfig(Function<String, Optional<String>> config) {
    return new AnnotatedCacheMXBeans(
        TieredCacheManager.URI,
        name -> enabled(config, name, "statistics"),
        name -> enabled(config, name, "management"));
  }

  private static boolean enabled(
      Function<String, Optional<String>> config, String cache, String what) {
    return config
        .apply("cache." + cache + ".jcache." + what)
        .or(() -> config.apply("cache.default.jcache." + what))
        .map(v -> Boolean.parseBoolean(v.trim()))
        .orElse(false);
  }

  /**
   * The statistics the annotations count for {@code cacheName}, or null when they are off; the
   * first call for a name registers its MXBeans.
   */
  JCacheStatistics statistics(String cacheName) {
    return statistics.computeIfAbsent(cacheName, this::register).orElse(null);
  }

  private Optional<JCacheStatistics> register(String cacheName) {
    boolean counted = statisticsEnabled.test(cacheName);
    if (managementEnabled.test(cacheName)) {
      MutableConfiguration<Object, Object> shown =
          new MutableConfiguration<>()
              .setReadThrough(true)
              .setStoreByValue(false)
              .setStatisticsEnabled(counted)
              .setManagementEnabled(true);
      register(objectName("CacheConfiguration", cacheName), new JCacheManagement(() -> shown));
    }
    if (!counted) {
      return Optional.empty();
    }
    JCacheStatistics s = new JCacheStatistics();
    register(objectName("CacheStatistics", cacheName), s);
    return Optional.of(s);
  }

  private void register(ObjectName name, Object bean) {
    if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
      JCacheManagement.register(name, bean);
      registered.add(name);
    }
  }

  private ObjectName objectName(String type, String cacheName) {
    return JCacheManagement.objectName(type, manager.toString(), cacheName);
  }

  /** Unregisters the MXBeans this registered. */
  @Override
  public void close() {
    for (ObjectName name : registered) {
      JCacheManagement.unregister(name);
    }
    registered.clear();
    statistics.clear();
  }
}
