package io.stratacache.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data source's URL handling, and that an acknowledged write to the embedded H2 survives a
 * crash.
 */
class UrlDataSourceTest {

  @Test
  void effectiveUrl_h2File_writesEachCommitThrough() {
    assertEquals(
        "jdbc:h2:file:./data/x;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
        UrlDataSource.effectiveUrl("jdbc:h2:file:./data/x;DB_CLOSE_ON_EXIT=FALSE"));
    assertEquals(
        "jdbc:h2:tcp://127.0.0.1/x;WRITE_DELAY=0",
        UrlDataSource.effectiveUrl("jdbc:h2:tcp://127.0.0.1/x"));
  }

  @Test
  void effectiveUrl_ownWriteDelay_memoryAndPostgres_unchanged() {
    String own = "jdbc:h2:file:./x;write_delay=200";
    assertEquals(own, UrlDataSource.effectiveUrl(own));
    assertEquals("jdbc:h2:mem:x", UrlDataSource.effectiveUrl("jdbc:h2:mem:x"));
    String pg = "jdbc:postgresql://127.0.0.1:5432/test";
    assertEquals(pg, UrlDataSource.effectiveUrl(pg));
  }

  @Test
  void h2File_processKilledRightAfterCommits_keepsThemAll(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("crash") + ";DB_CLOSE_ON_EXIT=FALSE";
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                H2CrashWriter.class.getName(),
                url)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("writer.log").toFile())
            .start();
    assertTrue(writer.waitFor(60, TimeUnit.SECONDS), "the writer ended");
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM acknowledged")) {
      r.next();
      assertEquals(10, r.getInt(1), "every acknowledged insert survived the kill");
    }
  }
}
