package io.stratacache.cache.tier.store;

import io.stratacache.cache.StoreSchema;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The store tier on H2 2.2 in memory, the table made by the Liquibase changeset. */
class JdbcStoreTierH2Test extends StoreTierContract {
  private static DataSource dataSource;

  @BeforeAll
  static void database() throws Exception {
    dataSource = StoreSchema.h2("store-tier-test");
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
