package io.stratacache.platform;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link UrlDataSourceTest}: through {@link UrlDataSource}, creates a table,
 * lets H2's background writer settle, auto-commits ten inserts (each acknowledged) and kills the
 * JVM at once, as a crash would.
 */
public final class H2CrashWriter {
  private H2CrashWriter() {}

  public static void main(String[] args) throws Exception {
    UrlDataSource ds = new UrlDataSource();
    ds.setUrl(args[0]);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE acknowledged(id INT PRIMARY KEY)");
      Thread.sleep(1500);
      for (int i = 0; i < 10; i++) {
        s.execute("INSERT INTO acknowledged VALUES (" + i + ")");
      }
      Runtime.getRuntime().halt(0);
    }
  }
}
