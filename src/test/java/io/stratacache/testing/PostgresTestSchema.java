package io.stratacache.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL schema for a unit test that runs against the real database (127.0.0.1:5432,
 * database {@code test}, user {@code postgres}, as on the build machines; {@code
 * <prefix>.postgres.url} and {@code <prefix>.postgres.user} override). A missing database fails the
 * test, unless {@code -DskipPostgresITs} asked to skip PostgreSQL.
 */
public final class PostgresTestSchema {
  private PostgresTestSchema() {}

  /**
   * Drops and recreates {@code schema}.
   *
   * @return a data source whose connections use it
   */
  public static PGSimpleDataSource fresh(String schema, String propertyPrefix) {
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(
        System.getProperty(
            propertyPrefix + ".postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
    admin.setUser(System.getProperty(propertyPrefix + ".postgres.user", "postgres"));
    admin.setConnectTimeout(2);
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
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
    PGSimpleDataSource data = new PGSimpleDataSource();
    data.setURL(admin.getURL());
    data.setUser(admin.getUser());
    data.setCurrentSchema(schema);
    return data;
  }
}
