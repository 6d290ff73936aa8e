package io.stratacache.cache.jcache;

import io.stratacache.cache.TieredCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Produces the one {@link AnnotatedCaching} the interceptors share and the {@link Tiered} {@link
 * javax.cache.CacheManager} over the same caches.
 */
@ApplicationScoped
public class AnnotatedCachingProducer {

  @Produces
  @Singleton
  AnnotatedCaching caching(TieredCaches caches) {
    return new AnnotatedCaching(caches);
  }

  @Produces
  @Singleton
  @Tiered
  javax.cache.CacheManager cacheManager(TieredCaches caches) {
    return new TieredCacheManager(caches);
  }
}
