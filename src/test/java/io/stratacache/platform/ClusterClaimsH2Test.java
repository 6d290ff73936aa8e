package io.stratacache.platform;

import java.util.UUID;
import javax.sql.DataSource;

/** The cluster claims on H2, a fresh in-memory database per test. */
class ClusterClaimsH2Test extends ClusterClaimsContract {

  @Override
  DataSource emptyDatabase() throws Exception {
    return ClaimSchema.h2("claims-" + UUID.randomUUID());
  }
}
