package io.stratacache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.ItEnvironment.PostgresTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItEnvironmentTest {

  @Test
  void postgresTarget_fullUrl_hostPortAndDatabase() {
    assertEquals(
        new PostgresTarget("127.0.0.1", 5432, "test"),
        PostgresTarget.of("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=stratacache_it"));
  }

  @Test
  void postgresTarget_noPort_defaults5432() {
    assertEquals(
        new PostgresTarget("localhost", 5432, "db"),
        PostgresTarget.of("jdbc:postgresql://localhost/db"));
  }

  @Test
  void postgresTarget_notPostgres_throws() {
    assertThrows(IllegalArgumentException.class, () -> PostgresTarget.of("jdbc:h2:mem:x"));
    assertThrows(IllegalArgumentException.class, () -> PostgresTarget.of("jdbc:postgresql://h:1/"));
  }

  @Test
  void selects_noSelection_selectsAll() {
    assertTrue(ItEnvironment.selects(null, "DashboardBrowserIT"));
    assertTrue(ItEnvironment.selects("", "DashboardBrowserIT"));
  }

  @Test
  void selects_namesGlobsPackagesAndMethods_matchTheClass() {
    for (String p :
        List.of(
            "DashboardBrowserIT",
            "WarmupIT,DashboardBrowserIT",
            "Dashboard*",
            "*BrowserIT#dashboard_drawsChartsWithData_andListsTheActiveAlert",
            "io.stratacache.monitoring.DashboardBrowserIT",
            "**/monitoring/DashboardBrowser?T.java",
            "%regex[.*Browser.*]")) {
      assertTrue(ItEnvironment.selects(p, "DashboardBrowserIT"), p);
    }
  }

  @Test
  void selects_otherClassesOrExclusion_doNotMatch() {
    for (String p :
        List.of("WarmupIT", "Platform*", "!DashboardBrowserIT", "DashboardBrowserITs")) {
      assertFalse(ItEnvironment.selects(p, "DashboardBrowserIT"), p);
    }
  }

  @Test
  void options_unresolvedMavenExpression_countsAsAbsent() {
    Map<String, String> opts = ItEnvironment.options(List.of("a=1", "b=${it.test}", "c="));
    assertEquals(Map.of("a", "1", "c", ""), opts);
    assertThrows(IllegalArgumentException.class, () -> ItEnvironment.options(List.of("noValue")));
  }

  @Test
  void answers_listeningAndClosedPort() throws IOException {
    int port;
    try (ServerSocket server = new ServerSocket(0)) {
      port = server.getLocalPort();
      assertTrue(ItEnvironment.answers("127.0.0.1", port));
    }
    assertFalse(ItEnvironment.answers("127.0.0.1", port));
  }

  @Test
  void stopServer_noServer_deletesTheDataAndReportsNone(@TempDir Path dir) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data/base"));
    Files.writeString(data.resolve("x"), "left by a killed build");
    assertFalse(ItEnvironment.stopServer(dir.resolve("data")));
    assertFalse(Files.exists(dir.resolve("data")));
  }

  @Test
  void isLocal_loopbackAndElsewhere() {
    assertTrue(ItEnvironment.isLocal("127.0.0.1"));
    assertTrue(ItEnvironment.isLocal("localhost"));
    assertFalse(ItEnvironment.isLocal("192.0.2.1")); // TEST-NET-1: never this machine
  }
}
