package io.stratacache.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts every integration-test run on an empty database, whatever earlier runs left: deletes the
 * H2 files, or drops and recreates the PostgreSQL schema the tests use. Acts only when failsafe
 * sets {@code it.database}; unit-test runs are untouched.
 */
public class ItDatabaseReset implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String db = System.getProperty("it.database");
    if ("h2".equals(db)) {
      deleteTree(Paths.get(System.getProperty("it.h2.dir")));
    } else if ("postgres".equals(db)) {
      resetPostgres(System.getProperty("it.postgres.url"), System.getProperty("it.postgres.user"));
    }
  }

  private static void deleteTree(Path dir) {
    try {
      TestFiles.deleteTree(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot clear " + dir, e);
    }
  }

  /** Drops and recreates the schema named by {@code url}'s {@code currentSchema}. */
  public static void resetPostgres(String url, String user) {
    String schema = schemaOf(url);
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at "
              + url
              + " is needed by the integration tests (start it, or pass -DskipPostgresITs): "
              + e.getMessage(),
          e);
    }
  }

  static String schemaOf(String url) {
    int i = url.indexOf("currentSchema=");
    if (i < 0) {
      throw new IllegalArgumentException("it.postgres.url must name currentSchema: " + url);
    }
    String rest = url.substring(i + "currentSchema=".length());
    int end = rest.indexOf('&');
    String schema = end < 0 ? rest : rest.substring(0, end);
    if (!schema.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("unexpected schema name " + schema);
    }
    return schema;
  }
}
