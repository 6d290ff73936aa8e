package io.stratacache.admin;

import io.stratacache.cache.CacheClock;
import io.stratacache.cache.TieredCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * Produces the instance's one {@link CacheAdministration} over the application's {@link
 * TieredCaches}, with its limits read from MicroProfile Config at start-up ({@value
 * AdminLimits#MAX_KEY_LENGTH}, {@value AdminLimits#MAX_VALUE_BYTES}). It is created when the
 * application starts, so an invalid limit fails the deployment with a message naming it rather than
 * the first request.
 */
@ApplicationScoped
public class CacheAdministrationProducer {

  @Inject TieredCaches caches;

  @Inject Config config;

  @Produces
  @Singleton
  CacheAdministration administration() {
    return new CacheAdministration(
        caches,
        AdminLimits.fromConfig(key -> config.getOptionalValue(key, String.class)),
        CacheClock.system());
  }

  /** Creates the administration at start-up (the parameter is the injection that does it). */
  void start(
      @Observes @Initialized(ApplicationScoped.class) Object ignored, CacheAdministration admin) {
    admin.limits();
  }
}
