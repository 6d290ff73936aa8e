package io.stratacache.platform;

import io.stratacache.testing.PostgresTestSchema;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The cluster claims on PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres},
 * as on the build machines), in a schema of its own made by the Liquibase changeset and emptied
 * before each test. Skipped only with {@code -DskipPostgresITs}.
 */
class ClusterClaimsPostgresTest extends ClusterClaimsContract {

  private static final String SCHEMA = "stratacache_claims_test";
  private static DataSource schema;

  @BeforeAll
  static void database() throws Exception {
    PGSimpleDataSource fresh = PostgresTestSchema.fresh(SCHEMA, "claims");
    ClaimSchema.migrate(fresh);
    schema = fresh;
  }

  @Override
  DataSource emptyDatabase() throws Exception {
    try (Connection c = schema.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM cluster_claim");
    }
    return schema;
  }
}
