package io.stratacache.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.WildFlyInstance;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ROOT-wildfly.war} on a real WildFly 38 ({@code standalone-stratacache.xml}, H2, the
 * application's own grid member on loopback), started and stopped by Arquillian's WildFly managed
 * container ({@code src/test/arquillian-wildfly/arquillian.xml}) and deployed through its
 * management API: the checks of issue 15. Runs only in the failsafe execution {@code it-wildfly},
 * part of {@code mvn verify} ({@code -DskipWildFlyITs} leaves it out).
 */
@EnabledIfSystemProperty(named = "it.wildfly.data", matches = ".+") // only in it-wildfly
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyIT {

  private static final String WAR = "wildfly-war";

  /** arquillian.xml's port offset. */
  private static final int PORT_OFFSET = 410;

  private static Http http;
  private static Http management;

  @ArquillianResource Deployer deployer;

  /** Deployed by the first test (so the last can undeploy it and read what that logged). */
  @Deployment(name = WAR, managed = false, testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("wildfly.war")))
        .as(WebArchive.class);
  }

  @Test
  @Order(0)
  void deploys_throughTheManagementApi_andTheStartupWarmupFinishes() throws Exception {
    deployer.deploy(WAR);
    http = new Http(url(8080));
    management = new Http(url(9990));
    awaitStartupWarmup(); // which starts once the demo data is in
  }

  private static URL url(int port) throws MalformedURLException {
    return new URL("http://127.0.0.1:" + (port + PORT_OFFSET) + "/");
  }

  /** The server log of the distribution the container runs. */
  private static Path log() {
    return WildFlyInstance.home().resolve("standalone/log/server.log");
  }

  /** Waits (up to 3 minutes) until the start-up warm-up has finished. */
  private static void awaitStartupWarmup() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(180);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      Http.Answer a = http.get("/api/v1/cache/warmup/status");
      last = a.body();
      if (a.status() == 200) {
        String state = a.object().getString("startup");
        if (!state.equals("WAITING_FOR_DATA") && !state.equals("RUNNING")) {
          return;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("start-up warm-up not finished in 3 minutes: " + last);
  }

  private static long stat(String cache, String field) {
    JsonObject answer = http.get("/api/v1/cache/stats?cache=" + cache).ok().object();
    return answer.getJsonArray("caches").getJsonObject(0).getJsonNumber(field).longValue();
  }

  @Test
  @Order(1)
  void cachedEndpoints_hitOnTheSecondRequest() {
    // The JCache annotation (@CacheResult through the application's own interceptors) ...
    http.get("/api/v1/ping/annotated").ok();
    long hits = stat("http-bench-ping", "hits");
    long loads = stat("http-bench-ping", "loads");
    http.get("/api/v1/ping/annotated").ok();
    assertEquals(hits + 1, stat("http-bench-ping", "hits"), "the second call is a hit");
    assertEquals(loads, stat("http-bench-ping", "loads"), "and runs no load");

    // ... and a domain endpoint over the three tiers (a brand the warm-up did not touch).
    var brands = http.get("/api/v1/brands?limit=200").ok().array();
    String brand = brands.getJsonObject(brands.size() - 1).getString("name");
    String path = "/api/v1/brands/" + Http.segment(brand) + "/stats";
    http.get(path).ok();
    long statsHits = stat("brand-stats", "hits");
    long statsLoads = stat("brand-stats", "loads");
    http.get(path).ok();
    assertTrue(stat("brand-stats", "hits") > statsHits, "the second request is a hit");
    assertEquals(statsLoads, stat("brand-stats", "loads"), "and runs no load");
  }

  @Test
  @Order(2)
  void warmUp_runsToTheEnd_andAdminCallsNeedTheToken() throws Exception {
    assertEquals(401, post("/api/v1/cache/warmup/execute", "{}", null).status());
    assertEquals(401, post("/api/v1/cache/warmup/execute", "{}", "Bearer wrong").status());
    assertEquals(
        401, post("/api/v1/cache/get", "{}", null).status(), "admin lookup without a token");

    Http.Answer a =
        post(
            "/api/v1/cache/warmup/execute",
            "{\"tasks\":[\"popular_brands\",\"user_stats\"],\"concurrent\":false}",
            Auth.admin(url(8080)));
    assertEquals(202, a.status(), a.body());
    String runId = a.object().getString("runId");
    Instant deadline = Instant.now().plusSeconds(120);
    JsonObject status = http.get("/api/v1/cache/warmup/status").ok().object();
    while (status.getBoolean("running") && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      status = http.get("/api/v1/cache/warmup/status").ok().object();
    }
    JsonObject last = status.getJsonObject("lastRun");
    assertEquals(runId, last.getString("id"), status.toString());
    assertEquals(100.0, last.getJsonNumber("successRate").doubleValue(), status.toString());
  }

  @Test
  @Order(3)
  void healthShowsTheTiers_andMetricsTheCaches() {
    // WildFly serves MicroProfile Health on its management interface (9990 + offset).
    JsonObject health = management.get("/health/ready").object();
    JsonObject tiers =
        health.getJsonArray("checks").stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("name").equals("cache-tiers"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no cache-tiers check: " + health));
    assertEquals("UP", tiers.getString("status"), tiers.toString());
    JsonObject data = tiers.getJsonObject("data");
    for (String tier : new String[] {"near", "grid", "store"}) {
      assertEquals("UP", data.getString(tier), tier + " in " + tiers);
    }

    Http.Answer metrics = http.get("/metrics");
    assertEquals(200, metrics.status());
    assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
    assertTrue(
        metrics.body().contains("stratacache_cache_")
            && metrics.body().contains("cache=\"brand-stats\""),
        "the cache metrics in Prometheus text");
    assertTrue(
        metrics.body().contains("mp_scope=\"application\""), "with MicroProfile's scope tag");
  }

  @Test
  @Order(4)
  void jcacheMXBeans_answerThroughWildFlysManagementJmx() throws Exception {
    http.get("/api/v1/ping/annotated").ok();
    JMXServiceURL url =
        new JMXServiceURL("service:jmx:remote+http://127.0.0.1:" + (9990 + PORT_OFFSET));
    Map<String, Object> env =
        Map.of(
            JMXConnector.CREDENTIALS,
            new String[] {WildFlyInstance.MANAGEMENT_USER, WildFlyInstance.MANAGEMENT_PASSWORD});
    try (JMXConnector connector = JMXConnectorFactory.connect(url, env)) {
      MBeanServerConnection mbeans = connector.getMBeanServerConnection();
      Set<ObjectName> stats =
          mbeans.queryNames(new ObjectName("javax.cache:type=CacheStatistics,*"), null);
      ObjectName ping =
          stats.stream()
              .filter(n -> "http-bench-ping".equals(n.getKeyProperty("Cache")))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no statistics MXBean of http-bench-ping: " + stats));
      long hits = ((Number) mbeans.getAttribute(ping, "CacheHits")).longValue();
      assertTrue(hits >= 1, "CacheHits " + hits);
      assertFalse(
          mbeans
              .queryNames(new ObjectName("javax.cache:type=CacheConfiguration,*"), null)
              .isEmpty(),
          "the configuration MXBeans too");
    }
  }

  @Test
  @Order(5)
  void undeploy_destroysTheBeansWithoutErrors_andStopsTheGridMember() throws Exception {
    long from = Files.size(log());
    deployer.undeploy(WAR); // through the management API; returns once undeployed
    // The member stops once the registry and the invalidation bus let go of it (or after a grace
    // of 5 s): wait for its log line, then look at everything the undeployment logged.
    String logged = "";
    Instant deadline = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(deadline)) {
      logged = since(from);
      if (logged.contains("Stopping the application's own grid member")) {
        break;
      }
      Thread.sleep(250);
    }
    assertTrue(
        logged.contains("Stopping the application's own grid member"),
        "the grid member did not stop: " + logged);
    assertFalse(logged.contains("WELD-000019"), logged);
    assertFalse(logged.contains(" ERROR "), logged);
  }

  /** What the server logged after the first {@code from} bytes. */
  private static String since(long from) throws java.io.IOException {
    byte[] all = Files.readAllBytes(log());
    return new String(
        all,
        (int) Math.min(from, all.length),
        (int) Math.max(0, all.length - from),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  private Http.Answer post(String path, String body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", token);
    }
    return http.send(b);
  }
}
