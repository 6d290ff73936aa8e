package io.stratacache.cache.cluster;

import static io.stratacache.cache.cluster.ClusterNodes.clear;
import static io.stratacache.cache.cluster.ClusterNodes.fault;
import static io.stratacache.cache.cluster.ClusterNodes.get;
import static io.stratacache.cache.cluster.ClusterNodes.loads;
import static io.stratacache.cache.cluster.ClusterNodes.set;
import static io.stratacache.cache.cluster.ClusterNodes.tierStatuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Http;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real Payara Micro instances on loopback sharing one grid and one PostgreSQL database: near
 * tiers stay coherent, a missing key loads once in the whole cluster, and an instance whose grid or
 * store tier fails keeps answering, says so in its health, and rejoins by itself.
 */
class CoherenceClusterIT {

  static ClusterNodes nodes;
  static Http a;
  static Http b;
  static String range;

  /** A's JMX connector (loopback, a free port): the annotated caches' JSR-107 MXBeans. */
  static int jmxPort;

  @BeforeAll
  static void startCluster() {
    jmxPort = io.stratacache.testing.PayaraInstance.freePort();
    nodes =
        ClusterNodes.start(
            "coherence",
            Map.of(
                "cache.default.jcache.statistics", "true",
                "cache.default.jcache.management", "true"),
            List.of(),
            ClusterNodes.jmxOptions(jmxPort));
    a = nodes.a.http();
    b = nodes.b.http();
    LocalDate anchor = LocalDate.parse(a.awaitDemoData().getString("anchorDate"));
    range = "from=" + anchor.minusDays(45) + "&to=" + anchor.minusDays(2);
  }

  @AfterAll
  static void stopCluster() {
    if (nodes != null) {
      nodes.close();
    }
  }

  /**
   * The annotated {@code brand} cache's JSR-107 MXBeans, read over A's JMX connector (what JConsole
   * and VisualVM use): registered, and their hit and miss counts follow requests made to A.
   */
  @Test
  void annotatedCacheMXBeans_overJmx_followRequests() throws Exception {
    String admin = io.stratacache.testing.Auth.admin(a.uri(""));
    String name = "it-jmx-" + Long.toString(System.nanoTime(), 36);
    assertEquals(
        201,
        a.json("POST", "/api/v1/brands", "{\"name\":\"" + name + "\",\"category\":\"c\"}", admin)
            .status());
    javax.management.remote.JMXServiceURL url =
        new javax.management.remote.JMXServiceURL(
            "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
    try (javax.management.remote.JMXConnector jmx =
        javax.management.remote.JMXConnectorFactory.connect(url)) {
      javax.management.MBeanServerConnection server = jmx.getMBeanServerConnection();
      javax.management.ObjectName statistics =
          new javax.management.ObjectName(
              "javax.cache:type=CacheStatistics,CacheManager=stratacache.tiered,Cache=brand");
      javax.management.ObjectName configuration =
          new javax.management.ObjectName(
              "javax.cache:type=CacheConfiguration,CacheManager=stratacache.tiered,Cache=brand");
      a.get("/api/v1/brands/" + Http.segment(name)).ok(); // registers the beans if not yet
      long hits = (Long) server.getAttribute(statistics, "CacheHits");
      long misses = (Long) server.getAttribute(statistics, "CacheMisses");
      clear(a, "brand"); // the creation's @CachePut stored it: the next read misses
      a.get("/api/v1/brands/" + Http.segment(name)).ok(); // a miss: the method runs
      for (int i = 0; i < 3; i++) {
        a.get("/api/v1/brands/" + Http.segment(name)).ok(); // hits
      }
      long moreHits = (Long) server.getAttribute(statistics, "CacheHits") - hits;
      long moreMisses = (Long) server.getAttribute(statistics, "CacheMisses") - misses;
      assertTrue(moreMisses >= 1, "one miss counted: " + moreMisses);
      assertTrue(moreHits >= 3, "three hits counted: " + moreHits);
      assertEquals(Boolean.TRUE, server.getAttribute(configuration, "StatisticsEnabled"));
    }
  }

  /**
   * A JSR-107 listener on A (registered by A's change watch, {@code GET
   * /api/v1/cache/{name}/changes}) sees an entry B writes: B's invalidation event reaches A's view,
   * which reads the grid and announces it.
   */
  @Test
  void listenerOnA_seesAnEntryWrittenOnB() throws Exception {
    String admin = io.stratacache.testing.Auth.admin(a.uri(""));
    String key = "it:listener:" + System.nanoTime();
    java.util.concurrent.CompletableFuture<Http.Answer> watched =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> a.get("/api/v1/cache/brand-list/changes?seconds=20&max=1", admin));
    long deadline = System.nanoTime() + 20_000_000_000L;
    int round = 0;
    // the watch registers when A handles the request: write until it reports one change
    while (!watched.isDone() && System.nanoTime() < deadline) {
      set(b, "brand-list", key, "{\"v\":" + round++ + "}");
      sleep(300);
    }
    Http.Answer answer = watched.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(200, answer.status(), answer.body());
    jakarta.json.JsonArray changes = answer.object().getJsonArray("changes");
    assertEquals(1, changes.size(), answer.body());
    JsonObject change = changes.getJsonObject(0);
    assertEquals(key, change.getString("key"), answer.body());
    assertTrue(List.of("CREATED", "UPDATED").contains(change.getString("type")), answer.body());

    assertEquals(401, a.get("/api/v1/cache/brand-list/changes?seconds=1").status());
    assertEquals(400, a.get("/api/v1/cache/brand-list/changes?seconds=31", admin).status());
    assertEquals(400, a.get("/api/v1/cache/brand-list/changes?max=x", admin).status());
    assertEquals(404, a.get("/api/v1/cache/no-such-cache/changes?seconds=1", admin).status());
  }

  @Test
  void valueChangedThroughA_readFreshOnB_within200ms() {
    String key = "it:coherence:" + System.nanoTime();
    set(a, "brand-list", key, "{\"v\":1}");
    assertEquals(
        "{\"v\":1}", get(b, "brand-list", key), "B reads A's value (and keeps a near copy)");
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
  void orderIngestedOnA_inBsDashboardWithin200ms() {
    LocalDate today = LocalDate.parse(a.awaitDemoData().getString("anchorDate"));
    String path = "/api/v1/stores/6/dashboard?from=" + today.minusDays(40) + "&to=" + today;
    long before = orders(b.get(path).ok().object());
    assertEquals(before, orders(b.get(path).ok().object()), "B holds the dashboard now");
    String order =
        "{\"clientOrderId\":\"it-cluster-"
            + System.nanoTime()
            + "\",\"orderedAt\":\""
            + today.minusDays(20)
            + "T11:00:00Z\",\"amount\":19.90,\"channel\":\"IN_STORE\"}";
    Http.Answer posted =
        a.send(
            java.net.http.HttpRequest.newBuilder(a.uri("/api/v1/stores/6/orders"))
                .header("Authorization", io.stratacache.testing.Auth.admin(a.uri("/")))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(order)));
    assertEquals(200, posted.status(), posted.body());
    long start = System.nanoTime();
    long seen = orders(b.get(path).ok().object());
    while (seen != before + 1 && System.nanoTime() - start < 200_000_000L) {
      seen = orders(b.get(path).ok().object());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(before + 1, seen, "B's dashboard lacked A's order after " + millis + " ms");
  }

  private static long orders(JsonObject dashboard) {
    return dashboard.getJsonObject("totals").getJsonNumber("orders").longValue();
  }

  @Test
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

  @Test
  void gridCutOffOnB_answersDegradedThenRejoinsFresh() {
    String key = "it:cutoff:" + System.nanoTime();
    set(a, "brand-list", key, "{\"v\":\"before\"}");
    assertEquals("{\"v\":\"before\"}", get(b, "brand-list", key));
    fault(b, "grid", "FAIL");
    try {
      for (int i = 0; i < 12; i++) {
        b.get("/api/v1/brands/" + Http.segment("No Brand " + i) + "/stats").error(404);
        b.get("/api/v1/stores/" + (1 + i % 10) + "/dashboard?" + range).ok();
        b.get("/api/v1/diagnosis?stores=1," + (2 + i % 8) + "&" + range).ok();
      }
      assertTrue(tierStatuses(b, "grid").contains("DOWN"), "B's grid breaker opened");
      JsonObject ready = readiness(b);
      assertEquals("DEGRADED", ready.getString("state"), ready.toString());
      assertTrue(ready.toString().contains("/grid"), "health names the failed tier: " + ready);
      set(a, "brand-list", key, "{\"v\":\"after\"}");
    } finally {
      fault(b, "grid", "NONE");
    }
    awaitAllTiersUp(b);
    assertTrue(tierStatuses(b, "grid").stream().allMatch(s -> s.equals("UP")), "B's grid rejoined");
    assertEquals("UP", readiness(b).getString("state"));
    assertEquals(
        "{\"v\":\"after\"}", get(b, "brand-list", key), "B serves the value changed meanwhile");
  }

  @Test
  void storeTierFailingOnB_answersAndHealthNamesTheStore() {
    // Clear first: a clear that fails on the store marks every key for repair, and reads then
    // skip the store without calling it, so the breaker would only learn of the failure from the
    // write-behind flush, seconds later.
    var brands = b.get("/api/v1/brands?limit=8").ok().array();
    clear(b, "brand-stats");
    fault(b, "store", "FAIL");
    try {
      for (int i = 0; i < brands.size(); i++) {
        String path =
            "/api/v1/brands/" + Http.segment(brands.getJsonObject(i).getString("name")) + "/stats";
        b.get(path).ok();
        b.get(path).ok();
      }
      assertTrue(tierStatuses(b, "store").contains("DOWN"), "B's store breaker opened");
      assertTrue(readiness(b).toString().contains("brand-stats/store"));
    } finally {
      fault(b, "store", "NONE");
    }
    awaitAllTiersUp(b);
    assertTrue(
        tierStatuses(b, "store").stream().allMatch(s -> s.equals("UP")), "B's store rejoined");
  }

  @Test
  void clusterStats_sumBothMembersAndListThem() {
    String key = "it:cluster-stats:" + System.nanoTime();
    set(a, "brand-list", key, "{\"v\":1}");
    for (int i = 0; i < 5; i++) {
      get(a, "brand-list", key);
      get(b, "brand-list", key);
    }
    long onA = ClusterNodes.stats(a, "brand-list").getJsonNumber("requests").longValue();
    long onB = ClusterNodes.stats(b, "brand-list").getJsonNumber("requests").longValue();
    // B publishes its figures every two seconds: wait (up to 10 s) for A to see them
    JsonObject cluster = clusterStats(a);
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline && requests(cluster) != onA + onB) {
      sleep(250);
      cluster = clusterStats(a);
    }
    assertEquals("cluster", cluster.getString("scope"));
    assertEquals(onA + onB, requests(cluster), cluster.toString());
    List<JsonObject> members =
        cluster.getJsonArray("members").stream().map(v -> v.asJsonObject()).toList();
    assertEquals(2, members.size(), members.toString());
    assertEquals(1, members.stream().filter(m -> m.getBoolean("local")).count());
    String other =
        members.stream()
            .filter(m -> !m.getBoolean("local"))
            .findFirst()
            .orElseThrow()
            .getString("member");
    JsonObject justB = a.get("/api/v1/cache/stats?cache=brand-list&member=" + other).ok().object();
    assertEquals("member", justB.getString("scope"));
    assertEquals(onB, requests(justB), "B's own figures, as B published them");
    JsonObject health = a.get("/api/v1/cache/health").ok().object();
    assertEquals(2, health.getJsonArray("members").size(), health.toString());
    a.get("/api/v1/cache/stats?scope=everywhere").error(400);
  }

  static JsonObject clusterStats(Http http) {
    return http.get("/api/v1/cache/stats?cache=brand-list").ok().object();
  }

  static long requests(JsonObject answer) {
    return answer.getJsonArray("caches").getJsonObject(0).getJsonNumber("requests").longValue();
  }

  /** Waits (up to 30 s) until every grid and store tier of the instance is up again. */
  static void awaitAllTiersUp(Http http) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline
        && !"UP".equals(readiness(http).getString("state"))) {
      sleep(250);
    }
  }

  static JsonObject readiness(Http http) {
    JsonObject health = http.get("/health/ready").object();
    return health.getJsonArray("checks").stream()
        .map(v -> v.asJsonObject())
        .filter(c -> c.getString("name").equals("cache-tiers"))
        .findFirst()
        .orElseThrow()
        .getJsonObject("data");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
