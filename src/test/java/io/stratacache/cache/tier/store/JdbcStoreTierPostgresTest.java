package io.stratacache.cache.tier.store;

import io.stratacache.cache.StoreSchema;
import io.stratacache.testing.PostgresTestSchema;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store tier on PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, as on
 * the build machines), in a schema of its own made by the Liquibase changeset. Skipped when no
 * PostgreSQL answers there.
 */
class JdbcStoreTierPostgresTest extends StoreTierContract {
  private static final String SCHEMA = "stratacache_cache_test";
  private static DataSource dataSource;

  @BeforeAll
  static void database() throws Exception {
    PGSimpleDataSource schema = PostgresTestSchema.fresh(SCHEMA, "cache");
    StoreSchema.migrate(schema);
    dataSource = schema;
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
