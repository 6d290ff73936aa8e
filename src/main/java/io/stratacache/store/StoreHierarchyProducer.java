package io.stratacache.store;

import io.stratacache.cache.InvalidationBus;
import io.stratacache.cache.TieredCaches;
import io.stratacache.platform.ApplicationDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Produces the instance's {@link StoreHierarchy} over the application's tiered caches and the
 * orders table, with its budget from {@code STORE_HIERARCHY_BUDGET_BYTES} (default 256 MiB), and
 * connects it to the other instances through a {@link StoreChangeFeed} on the invalidation bus.
 */
@ApplicationScoped
public class StoreHierarchyProducer {
  private static final Logger LOG = Logger.getLogger(StoreHierarchyProducer.class.getName());

  @Inject TieredCaches caches;
  @Inject InvalidationBus bus;
  @Inject Config config;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  private AutoCloseable subscription;

  @Produces
  @Singleton
  StoreHierarchy hierarchy() {
    long budget = settings().budgetBytes();
    StoreChangeFeed feed = new StoreChangeFeed(bus, caches.instanceId());
    StoreHierarchy hierarchy =
        new StoreHierarchy(caches, new JdbcOrderLedger(dataSource), budget, feed::publish);
    subscription = feed.subscribe(hierarchy::onRemoteChange, hierarchy::onLoss);
    LOG.info(
        () ->
            "Store hierarchy: levels store-orders, store-daily, store-diagnosis, store-hot;"
                + " budget "
                + budget
                + " bytes");
    return hierarchy;
  }

  /** The hierarchy's settings, read from configuration. */
  @Produces
  @Singleton
  StoreSettings settings() {
    return StoreSettings.from(key -> config.getOptionalValue(key, String.class));
  }

  @PreDestroy
  void close() {
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.warning("closing the store change subscription failed: " + e);
      }
    }
  }
}
