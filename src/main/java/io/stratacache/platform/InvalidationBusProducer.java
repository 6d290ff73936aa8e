package io.stratacache.platform;

import io.stratacache.cache.InvalidationBus;
import io.stratacache.cache.cluster.HazelcastCluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Produces an {@link InvalidationBus} on the cluster's invalidation topic for features that carry
 * their own change events beside the caches' (the store hierarchy's {@code store-changes}); events
 * of a name no cache has are ignored by the cache registry.
 */
@ApplicationScoped
public class InvalidationBusProducer {

  @Inject HazelcastCluster cluster;

  @Produces
  @Singleton
  InvalidationBus bus() {
    return cluster.invalidationBus();
  }

  /** Lets go of the cluster (on WildFly, of the application's own grid member). */
  void close(@Disposes InvalidationBus bus) {
    cluster.close();
  }
}
