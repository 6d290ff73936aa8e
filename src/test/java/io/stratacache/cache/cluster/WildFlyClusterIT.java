package io.stratacache.cache.cluster;

import static io.stratacache.cache.cluster.ClusterNodes.clear;
import static io.stratacache.cache.cluster.ClusterNodes.get;
import static io.stratacache.cache.cluster.ClusterNodes.loads;
import static io.stratacache.cache.cluster.ClusterNodes.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.ItDatabaseReset;
import io.stratacache.testing.PayaraInstance;
import io.stratacache.testing.WildFlyInstance;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Two real WildFly 38 servers on loopback running {@code ROOT-wildfly.war}: each with its own base
 * directory and port offset, their application-owned grid members ({@link HazelcastMember}) forming
 * one grid under a cluster name of this run, both on one PostgreSQL database (issue 15: "the same
 * application on WildFly", clustered, on PostgreSQL). Runs only in the failsafe execution {@code
 * it-wildfly} (part of {@code mvn verify}; {@code -DskipWildFlyITs} leaves it out, and so does
 * {@code -DskipPostgresITs}, which it receives as {@code it.skip.postgres}); elsewhere {@code
 * wildfly.home} is unset and it skips itself. The database is {@code it.wildfly.postgres.url}, a
 * schema of its own, dropped and made anew before the servers start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(
    named = "it.skip.postgres",
    matches = "true",
    disabledReason = "-DskipPostgresITs: this class needs PostgreSQL")
class WildFlyClusterIT {

  private static final int OFFSET_A = 430;
  private static final int OFFSET_B = 450;

  static WildFlyInstance serverA;
  static WildFlyInstance serverB;
  static Http a;
  static Http b;
  static String dbUrl;
  static String dbUser;

  @BeforeAll
  static void startCluster() throws Exception {
    Assumptions.assumeTrue(WildFlyInstance.home() != null, "not the WildFly execution");
    dbUrl = System.getProperty("it.postgres.url");
    Assumptions.assumeTrue(dbUrl != null, "not the execution it-wildfly-cluster");
    dbUser = System.getProperty("it.postgres.user", "postgres");
    ItDatabaseReset.resetPostgres(dbUrl, dbUser);
    String cluster =
        System.getProperty("it.cluster.name", "stratacache-it")
            + "-wf-"
            + UUID.randomUUID().toString().substring(0, 8);
    int grid = gridBasePort();
    Path data = Path.of(System.getProperty("it.wildfly.cluster.data"), "cluster");
    Files.createDirectories(data);
    Map<String, String> settings = new HashMap<>();
    settings.put("DEMO_DATA", "small");
    settings.put("ADMIN_TOKEN", "it-admin-token");
    settings.put("HTTP_CACHE_DEFAULT_RULES", "disabled");
    settings.put("WARMUP_INTERVAL_MINUTES", "0");
    settings.put("DB_URL", dbUrl);
    settings.put("DB_USER", dbUser);
    settings.put("GRID_CLUSTER_NAME", cluster);
    // Both members try GRID_PORT first; the second to bind takes the next port, and each finds
    // the other among GRID_MEMBERS' host on GRID_PORT and the next two.
    settings.put("GRID_MEMBERS", "127.0.0.1");
    settings.put("GRID_PORT", String.valueOf(grid));
    Map<String, String> settingsA = new HashMap<>(settings);
    settingsA.put("AUTH_KEY_FILE", data.resolve("a-jwt-signing-key.pem").toString());
    Map<String, String> settingsB = new HashMap<>(settings);
    settingsB.put("AUTH_KEY_FILE", data.resolve("b-jwt-signing-key.pem").toString());
    serverA = WildFlyInstance.start("cluster-a", OFFSET_A, settingsA);
    serverB = WildFlyInstance.start("cluster-b", OFFSET_B, settingsB);
    CompletableFuture<Boolean> deployedA =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return serverA.awaitDeployed(Duration.ofMinutes(5));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            });
    boolean deployedB = serverB.awaitDeployed(Duration.ofMinutes(5));
    assertTrue(
        deployedA.join(), () -> "ROOT-wildfly.war did not deploy on A, see " + serverA.log());
    assertTrue(deployedB, () -> "ROOT-wildfly.war did not deploy on B, see " + serverB.log());
    a = new Http(serverA.url());
    b = new Http(serverB.url());
    awaitStartupWarmup(a);
    awaitStartupWarmup(b);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    try {
      if (serverA != null) {
        serverA.close();
      }
    } finally {
      if (serverB != null) {
        serverB.close();
      }
    }
  }

  /** Waits (up to 3 minutes) until the instance's start-up warm-up has finished. */
  private static void awaitStartupWarmup(Http http) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(180);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      Http.Answer answer = http.get("/api/v1/cache/warmup/status");
      last = answer.body();
      if (answer.status() == 200) {
        String state = answer.object().getString("startup");
        if (!state.equals("WAITING_FOR_DATA") && !state.equals("RUNNING")) {
          return;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("start-up warm-up not finished in 3 minutes: " + last);
  }

  /** Two free consecutive loopback ports for the grid. */
  private static int gridBasePort() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int p = PayaraInstance.freePort();
      if (p < 65000 && free(p + 1) && free(p + 2)) {
        return p;
      }
    }
    throw new IllegalStateException("no three consecutive free ports");
  }

  private static boolean free(int port) {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  @Order(1)
  void bothMembersSeeEachOther_onOnePostgresDatabase() throws Exception {
    // Each instance lists the grid's two members (A sees B's published figures within seconds).
    for (Http http : List.of(a, b)) {
      JsonObject health = http.get("/api/v1/cache/health").ok().object();
      long deadline = System.currentTimeMillis() + 30_000;
      while (health.getJsonArray("members").size() != 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(250);
        health = http.get("/api/v1/cache/health").ok().object();
      }
      assertEquals(2, health.getJsonArray("members").size(), health.toString());
    }
    // Hazelcast says so in each server's log.
    for (WildFlyInstance server : List.of(serverA, serverB)) {
      String log = Files.readString(server.log());
      assertTrue(log.contains("Members {size:2"), "no two-member view in " + server.log());
    }
    // The demo data is in the one PostgreSQL schema, and both answer from it.
    try (Connection c = DriverManager.getConnection(dbUrl, dbUser, "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM brand")) {
      assertTrue(r.next() && r.getLong(1) > 0, "no brands in " + dbUrl);
    }
    String brand = a.get("/api/v1/brands?limit=1").ok().array().getJsonObject(0).getString("name");
    assertEquals(
        a.get("/api/v1/brands/" + Http.segment(brand)).ok().object(),
        b.get("/api/v1/brands/" + Http.segment(brand)).ok().object(),
        "both answer from the same rows");
  }

  @Test
  @Order(2)
  void brandChangedThroughA_readFreshOnB_within1s() {
    var brands = a.get("/api/v1/brands?limit=6").ok().array();
    String brand = brands.getJsonObject(5).getString("name");
    String path = "/api/v1/brands/" + Http.segment(brand);
    String before = b.get(path).ok().object().getString("category");
    assertEquals(before, b.get(path).ok().object().getString("category"), "B holds it now");
    String category = "wf-it-" + System.nanoTime() % 1_000_000;
    Http.Answer changed =
        a.json("PUT", path, "{\"category\":\"" + category + "\"}", Auth.admin(a.uri("")));
    assertEquals(200, changed.status(), changed.body());
    assertEquals(category, changed.object().getString("category"));
    long start = System.nanoTime();
    String seen = b.get(path).ok().object().getString("category");
    while (!category.equals(seen) && System.nanoTime() - start < 1_000_000_000L) {
      seen = b.get(path).ok().object().getString("category");
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(category, seen, "B still answered the old category after " + millis + " ms");
    assertEquals(category, a.get(path).ok().object().getString("category"), "A reads its write");
  }

  @Test
  @Order(3)
  void valueSetThroughA_readFreshOnB_within200ms() {
    String key = "it:wildfly:" + System.nanoTime();
    set(a, "brand-list", key, "{\"v\":1}");
    assertEquals("{\"v\":1}", get(b, "brand-list", key), "B reads A's value through the grid");
    assertEquals("{\"v\":1}", get(b, "brand-list", key));
    set(a, "brand-list", key, "{\"v\":2}");
    long start = System.nanoTime();
    String seen = get(b, "brand-list", key);
    while (!"{\"v\":2}".equals(seen) && System.nanoTime() - start < 200_000_000L) {
      seen = get(b, "brand-list", key);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("{\"v\":2}", seen, "B still served the old value after " + millis + " ms");
    JsonObject coherence = ClusterNodes.stats(b, "brand-list").getJsonObject("coherence");
    assertTrue(coherence.getJsonNumber("received").longValue() > 0, coherence.toString());
  }

  @Test
  @Order(4)
  void sameMissingKeyOnBothInstances_loadsOnce() throws Exception {
    String brand = a.get("/api/v1/brands?limit=4").ok().array().getJsonObject(3).getString("name");
    clear(a, "brand-stats");
    String path = "/api/v1/brands/" + Http.segment(brand) + "/stats";
    long before = loads(a, "brand-stats") + loads(b, "brand-stats");
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Http.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Http target = i % 2 == 0 ? a : b;
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return target.get(path);
                }));
      }
      go.countDown();
      String body = null;
      for (Future<Http.Answer> f : answers) {
        String answer = f.get().ok().body();
        if (body != null) {
          assertEquals(body, answer, "every caller gets the same statistics");
        }
        body = answer;
      }
    } finally {
      pool.shutdown();
    }
    long after = loads(a, "brand-stats") + loads(b, "brand-stats");
    assertEquals(before + 1, after, "one load in the whole cluster");
  }
}
