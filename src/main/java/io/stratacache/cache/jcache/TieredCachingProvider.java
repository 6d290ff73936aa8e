package io.stratacache.cache.jcache;

import java.net.URI;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The provider behind {@link TieredCacheManager}: it has exactly one manager, the instance's. It is
 * reached through the manager (CDI), not through {@code Caching.getCachingProvider()}, which inside
 * Payara would pick Hazelcast's provider.
 */
final class TieredCachingProvider implements CachingProvider {

  private final TieredCacheManager manager;

  TieredCachingProvider(TieredCacheManager manager) {
    this.manager = manager;
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    return manager;
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return manager.getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return TieredCacheManager.URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return manager;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }

  @Override
  public void close(ClassLoader classLoader) {
    close();
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    close();
  }

  @Override
  public boolean isSupported(OptionalFeature feature) {
    return false;
  }
}
