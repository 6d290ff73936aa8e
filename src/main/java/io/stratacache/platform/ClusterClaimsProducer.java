package io.stratacache.platform;

import io.stratacache.cache.TieredCaches;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Produces the instance's {@link ClusterClaims}: {@link JdbcClusterClaims} over the application
 * data source and the application clock, holding claims in the name of this instance ({@link
 * TieredCaches#instanceId()}, the id the logs and the warm-up history show).
 */
@ApplicationScoped
public class ClusterClaimsProducer {

  @Inject TieredCaches caches;
  @Inject Clock clock;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  /** {@code @Singleton}: the claims are immutable and thread-safe, no client proxy is needed. */
  @Produces
  @Singleton
  ClusterClaims claims() {
    return new JdbcClusterClaims(dataSource, clock, caches.instanceId());
  }
}
