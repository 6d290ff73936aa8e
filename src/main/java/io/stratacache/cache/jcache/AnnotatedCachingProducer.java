package io.stratacache.cache.jcache;

import io.stratacache.cache.TieredCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * Produces the one {@link AnnotatedCaching} the interceptors share, with the JSR-107 MXBeans its
 * caches' {@code cache.<name>.jcache.statistics} / {@code .jcache.management} settings enable (see
 * {@link AnnotatedCacheMXBeans}), and the {@link Tiered} {@link javax.cache.CacheManager} over the
 * same caches.
 */
@ApplicationScoped
public class AnnotatedCachingProducer {

  @Produces
  @Singleton
  AnnotatedCaching caching(TieredCaches caches, Config config) {
    return new AnnotatedCaching(
        caches,
        AnnotatedCacheMXBeans.fromConfig(key -> config.getOptionalValue(key, String.class)));
  }

  void close(@Disposes AnnotatedCaching caching) {
    caching.unregisterMXBeans();
  }

  @Produces
  @Singleton
  @Tiered
  javax.cache.CacheManager cacheManager(TieredCaches caches) {
    return new TieredCacheManager(caches);
  }
}
