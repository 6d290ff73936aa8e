package io.stratacache.cache.jcache;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.management.CacheMXBean;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The JSR-107 {@link CacheMXBean} of one cache, and the registration of it and of the cache's
 * {@link JCacheStatistics} in the platform {@code MBeanServer} under the specification's names:
 * {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>}
 * (characters {@code : = , \n} replaced by {@code .}).
 */
final class JCacheManagement implements CacheMXBean {

  private final Supplier<? extends CompleteConfiguration<?, ?>> configuration;

  /** The bean of the cache whose current configuration {@code configuration} gives. */
  JCacheManagement(Supplier<? extends CompleteConfiguration<?, ?>> configuration) {
    this.configuration = configuration;
  }

  private CompleteConfiguration<?, ?> config() {
    return configuration.get();
  }

  @Override
  public String getKeyType() {
    return config().getKeyType().getName();
  }

  @Override
  public String getValueType() {
    return config().getValueType().getName();
  }

  @Override
  public boolean isReadThrough() {
    return config().isReadThrough();
  }

  @Override
  public boolean isWriteThrough() {
    return config().isWriteThrough();
  }

  @Override
  public boolean isStoreByValue() {
    return config().isStoreByValue();
  }

  @Override
  public boolean isStatisticsEnabled() {
    return config().isStatisticsEnabled();
  }

  @Override
  public boolean isManagementEnabled() {
    return config().isManagementEnabled();
  }

  static ObjectName objectName(String type, String managerUri, String cacheName) {
    try {
      return new ObjectName(
          "javax.cache:type="
              + type
              + ",CacheManager="
              + sanitize(managerUri)
              + ",Cache="
              + sanitize(cacheName));
    } catch (MalformedObjectNameException e) {
      throw new CacheException("bad JMX name for cache " + cacheName, e);
    }
  }

  private static String sanitize(String s) {
    return s == null ? "" : s.replaceAll(":|=|\n|,", ".");
  }

  /** Registers {@code bean} under {@code name} unless a bean is there already. */
  static void register(ObjectName name, Object bean) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (javax.management.InstanceAlreadyExistsException e) {
      // registered concurrently: the same cache's bean
    } catch (Exception e) {
      throw new CacheException("cannot register " + name, e);
    }
  }

  static void unregister(ObjectName name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException e) {
      // gone already
    } catch (Exception e) {
      throw new CacheException("cannot unregister " + name, e);
    }
  }
}
