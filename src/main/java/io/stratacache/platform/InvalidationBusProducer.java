package io.stratacache.platform;

import io.stratacache.cache.InvalidationBus;
import io.stratacache.cache.cluster.HazelcastCluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Produces an {@link InvalidationBus} on the cluster's invalidation topic for features that carry
 * their own change events beside the caches' (the store hierarchy's {@code store-changes}); events
 * of a name no cache has are ignored by the cache registry.
 */
@ApplicationScoped
public class InvalidationBusProducer {

  @Inject HazelcastCluster cluster;

  /** The cluster view each bus came from, for the static disposer (see {@link #close}). */
  private static final Map<InvalidationBus, HazelcastCluster> CLUSTERS =
      Collections.synchronizedMap(new IdentityHashMap<>());

  @Produces
  @Singleton
  InvalidationBus bus() {
    InvalidationBus bus = cluster.invalidationBus();
    CLUSTERS.put(bus, cluster);
    return bus;
  }

  /**
   * Lets go of the cluster view the bus came from (on WildFly, of the application's own grid
   * member). Static for the reason {@code CacheProducer}'s disposer is: this application-scoped
   * bean is destroyed before the {@code @Singleton} bus.
   */
  static void close(@Disposes InvalidationBus bus) {
    HazelcastCluster cluster = CLUSTERS.remove(bus);
    if (cluster != null) {
      cluster.close();
    }
  }
}
