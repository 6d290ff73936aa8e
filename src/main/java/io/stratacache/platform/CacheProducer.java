package io.stratacache.platform;

import io.stratacache.cache.ClusterCounters;
import io.stratacache.cache.TierFaults;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.cluster.HazelcastCluster;
import io.stratacache.cache.tier.TierFactory;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import io.stratacache.cache.tier.store.JdbcStoreTier;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Produces the instance's one {@link TieredCaches} registry: settings from MicroProfile Config
 * ({@code cache.<name>.<key>}, see docs/cache-design.md), Payara's Hazelcast member as the grid
 * tier, the application data source as the store tier, and the default managed executor for
 * background refreshes. The caches named in {@code CACHE_NAMES} are created at once (the caches the
 * application's annotated methods use), so administration and metrics see them before their first
 * use. The registry is closed when the application stops.
 *
 * <p>Across the cluster, invalidations travel on a Hazelcast reliable topic (so other instances
 * drop their near copies) and loads of one key are coordinated through grid leases (one load in the
 * whole cluster). The grid tier, the bus and the coordinator come from {@link HazelcastCluster}, so
 * that no Hazelcast type is named outside {@code cache.tier.grid} and {@code cache.cluster}.
 */
@ApplicationScoped
public class CacheProducer {

  private static final Logger LOG = Logger.getLogger(CacheProducer.class.getName());

  @Inject HazelcastCluster cluster;

  @Inject Config config;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  @Resource ManagedExecutorService executor;

  @Resource ManagedScheduledExecutorService scheduler;

  private final TierFaults faults = new TierFaults();

  /**
   * The cluster view each registry was made with, for the static disposer (see {@link #close}): one
   * entry while the application runs (this class is loaded once per deployment).
   */
  private static final Map<TieredCaches, HazelcastCluster> CLUSTERS =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /** {@code @Singleton}, not a normal scope: the registry is final and needs no client proxy. */
  @Produces
  @Singleton
  TieredCaches caches() {
    String member = cluster.memberId();
    boolean injectFaults =
        config.getOptionalValue("CACHE_FAULT_INJECTION", Boolean.class).orElse(false);
    TierFactory grid = cluster.gridTier();
    TierFactory store = JdbcStoreTier.factory(dataSource, JdbcStoreTier.DEFAULT_TABLE);
    if (injectFaults) {
      grid = faults.wrap(grid);
      store = faults.wrap(store);
      LOG.warning(
          "CACHE_FAULT_INJECTION is on: administrators can make the grid and store tiers fail");
    }
    TieredCaches caches =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .config(key -> config.getOptionalValue(key, String.class))
            .grid(grid)
            .store(store)
            .executor(executor)
            .scheduler(scheduler)
            .invalidationBus(cluster.invalidationBus())
            .loadCoordinator(cluster.loadCoordinator())
            .memberBoard(cluster.memberBoard())
            .instanceId(member)
            .build();
    for (String name :
        config.getOptionalValues("CACHE_NAMES", String.class).orElse(java.util.List.of())) {
      try {
        caches.cache(name.trim(), Object.class);
      } catch (IllegalArgumentException e) {
        // The registry's refusal names the cache.<name>.<key> setting and its value in one line.
        InvalidSettingException refused = InvalidSettingException.of(e.getMessage());
        LOG.severe("Cache configuration refused, deployment stops: " + refused.getMessage());
        caches.close();
        throw refused;
      }
    }
    LOG.info(
        () ->
            "Tiered caches: near (Caffeine), grid (Hazelcast member "
                + member
                + ", cluster size "
                + cluster.size()
                + "), store (table "
                + JdbcStoreTier.DEFAULT_TABLE
                + ")");
    CLUSTERS.put(caches, cluster);
    return caches;
  }

  /**
   * The counters the features sum over the cluster (PN counters in the grid, see {@link
   * HazelcastCluster#counters}); flushed when the application stops, with the registry.
   */
  @Produces
  @Singleton
  ClusterCounters clusterCounters() {
    return cluster.counters();
  }

  /**
   * The switchboard of injected tier faults; it only acts when {@code CACHE_FAULT_INJECTION=true}
   * made the registry wrap its tiers with it.
   */
  @Produces
  @Singleton
  TierFaults faults() {
    return faults;
  }

  /**
   * Flushes write-behind queues, then leaves the cluster's load coordination, flushes the cluster
   * counters and lets go of the grid member, through the cluster view the registry was made with.
   *
   * <p>Static, and without this bean's fields: CDI destroys the application-scoped beans before the
   * {@code @Singleton} ones (Weld invalidates the application context, then the singleton context),
   * so an instance disposer runs on a new {@code CacheProducer} made while the application stops.
   * On WildFly that new bean's resource injection fails ({@code WFLYWELD0049: Can't find a resource
   * named java:app/jdbc/stratacache}, logged as {@code WELD-000019: Error destroying an instance
   * ... TieredCaches}), so the registry never closed: no write-behind flush, and the grid member
   * stopped only after its grace. Where it succeeds, it closed a cluster view of its own and never
   * let go of the first one's counters and member hold.
   */
  static void close(@Disposes TieredCaches caches) {
    HazelcastCluster cluster = CLUSTERS.remove(caches);
    try {
      caches.close();
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }
}
