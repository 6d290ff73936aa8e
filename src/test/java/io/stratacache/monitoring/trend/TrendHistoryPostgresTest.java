package io.stratacache.monitoring.trend;

import io.stratacache.testing.PostgresTestSchema;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The trend history on PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, as
 * on the build machines), in a schema of its own made by the Liquibase changeset and emptied before
 * each test. Skipped only with {@code -DskipPostgresITs}.
 */
class TrendHistoryPostgresTest extends TrendHistoryContract {

  private static final String SCHEMA = "stratacache_trend_test";
  private static DataSource dataSource;

  @BeforeAll
  static void database() throws Exception {
    PGSimpleDataSource schema = PostgresTestSchema.fresh(SCHEMA, "trend");
    TrendSchema.migrate(schema);
    dataSource = schema;
  }

  @Override
  DataSource emptyDatabase() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM monitoring_trend");
      s.execute("DELETE FROM cluster_claim");
    }
    return dataSource;
  }
}
