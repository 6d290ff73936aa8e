package io.stratacache.cache.tier.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratacache.cache.StoreSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(
        System.getProperty("cache.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
    admin.setUser(System.getProperty("cache.test.postgres.user", "postgres"));
    admin.setConnectTimeout(2);
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    } catch (SQLException e) {
      // Skipped only on request (-DskipPostgresITs); otherwise a missing database is a failure.
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
    StoreSchema.migrate(schema);
    dataSource = schema;
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
