package io.stratacache.monitoring.trend;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
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
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(
        System.getProperty("trend.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
    admin.setUser(System.getProperty("trend.test.postgres.user", "postgres"));
    admin.setConnectTimeout(2);
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    } catch (SQLException e) {
      assumeTrue(
          !Boolean.getBoolean("skipPostgresITs"),
          "no PostgreSQL at " + admin.getURL() + ", skipped by -DskipPostgresITs");
      throw new AssertionError(
          "PostgreSQL is needed at "
              + admin.getURL()
              + " (start it, or pass -DskipPostgresITs): "
              + e.getMessage(),
          e);
    }
    PGSimpleDataSource schema = new PGSimpleDataSource();
    schema.setURL(admin.getURL());
    schema.setUser(admin.getUser());
    schema.setCurrentSchema(SCHEMA);
    TrendSchema.migrate(schema);
    dataSource = schema;
  }

  @Override
  DataSource emptyDatabase() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM monitoring_trend");
      s.execute("DELETE FROM monitoring_trend_tick");
    }
    return dataSource;
  }
}
