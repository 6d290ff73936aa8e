package io.stratacache.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.PayaraServerArquillianSetup;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
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
 * The unchanged {@code target/ROOT.war} on Payara Server 6 (the full server, unpacked by the build
 * from {@code fish.payara.distributions:payara}), started, deployed to and stopped by Arquillian's
 * Payara Server managed container ({@code src/test/arquillian-payara-server/arquillian.xml}):
 * before the container's setup, {@link PayaraServerArquillianSetup} creates a domain on a port base
 * (so it never meets a developer's domain1) and configures it with {@code
 * server-config/payara-server-configure.sh} as docs/servers.md says (grid on loopback, settings as
 * system properties); the container then starts it and deploys through the DAS's admin REST
 * interface (the WAR's payara-web.xml sets the context root /). The checks of issue 15. Runs in
 * failsafe's execution it-payara-server only (part of {@code mvn verify}; {@code
 * -DskipPayaraServerITs} or {@code -DskipH2ITs} leaves it out).
 */
@EnabledIfSystemProperty(named = "it.payara.server.adminport", matches = ".+")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerIT {

  private static final String WAR = "payara-server-war";

  private static int portBase;
  private static URL base;
  private static Http http;

  @ArquillianResource Deployer deployer;

  /** Deployed by the first test (so the last can undeploy it and read what that logged). */
  @Deployment(name = WAR, managed = false, testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("it.payara.server.war")))
        .as(WebArchive.class);
  }

  @Test
  @Order(0)
  void deploys_throughTheAdminRestInterface_andServesTheDemoData() throws Exception {
    deployer.deploy(WAR);
    portBase = PayaraServerArquillianSetup.portBase();
    base = new URL("http://127.0.0.1:" + (portBase + 80) + "/");
    http = new Http(base);
    http.awaitDemoData();
  }

  @Test
  @Order(9)
  void undeploys_cleanly() throws Exception {
    long before = Files.size(PayaraServerArquillianSetup.serverLog());
    deployer.undeploy(WAR);
    assertEquals(404, http.get("/api/v1/ping").status(), "undeployed");
    String logged;
    try (var in = Files.newInputStream(PayaraServerArquillianSetup.serverLog())) {
      in.skipNBytes(before);
      logged = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertFalse(logged.contains("SEVERE"), () -> "undeployment logged SEVERE:\n" + logged);
  }

  @Test
  @Order(1)
  void cachedEndpoint_secondRequestHits() {
    String path = "/api/v1/brands/" + Http.segment(brand(1)) + "/stats";
    clear("brand-stats");
    JsonObject before = stats("brand-stats");

    http.get(path).ok();
    http.get(path).ok();

    JsonObject after = stats("brand-stats");
    assertEquals(1, delta(after, before, "loads"), "the first request loads: " + after);
    assertEquals(1, delta(after, before, "misses"), after.toString());
    assertEquals(1, delta(after, before, "hits"), "the second request hits: " + after);
  }

  @Test
  @Order(2)
  void warmup_runCompletes() throws Exception {
    Http.Answer a =
        http.json(
            "POST",
            "/api/v1/cache/warmup/execute",
            "{\"tasks\":[\"user_stats\",\"popular_questions\"],\"concurrent\":false}",
            Auth.admin(base));
    assertEquals(202, a.status(), a.body());
    String runId = a.object().getString("runId");
    Instant deadline = Instant.now().plusSeconds(60);
    JsonObject s = http.get("/api/v1/cache/warmup/status").ok().object();
    while (s.getBoolean("running") && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      s = http.get("/api/v1/cache/warmup/status").ok().object();
    }
    JsonObject last = s.getJsonObject("lastRun");
    assertEquals(runId, last.getString("id"), s.toString());
    assertEquals(100.0, last.getJsonNumber("successRate").doubleValue(), last.toString());
    assertTrue(s.getString("nextCron", null) != null, "the cron timer (an EJB timer) exists: " + s);
  }

  @Test
  @Order(3)
  void health_showsTheTiers_gridIncluded() {
    JsonObject tiers =
        http.get("/health/ready").ok().object().getJsonArray("checks").stream()
            .map(c -> c.asJsonObject())
            .filter(c -> c.getString("name").equals("cache-tiers"))
            .findFirst()
            .orElseThrow()
            .getJsonObject("data");
    assertEquals("UP", tiers.getString("near"), tiers.toString());
    assertEquals("UP", tiers.getString("grid"), "Payara Server's data grid: " + tiers);
    assertEquals("UP", tiers.getString("store"), tiers.toString());
  }

  @Test
  @Order(4)
  void adminEndpoints_refuseWithoutAValidToken() {
    String clear = "/api/v1/cache/clear?cache=brand-stats";
    assertEquals(401, http.send(HttpRequest.newBuilder(http.uri(clear)).DELETE()).status());
    assertEquals(
        401,
        http.send(
                HttpRequest.newBuilder(http.uri(clear))
                    .header("Authorization", "Bearer wrong")
                    .DELETE())
            .status());
    assertEquals(
        401,
        http.json("POST", "/api/v1/auth/token", "{\"admin_token\":\"wrong\"}", null).status(),
        "a wrong admin token gets no JWT");
    assertEquals(
        403,
        http.send(
                HttpRequest.newBuilder(http.uri(clear))
                    .header("Authorization", Auth.user(base, 1))
                    .DELETE())
            .status(),
        "a user's JWT is not the admin's");
    clear("brand-stats");
  }

  @Test
  @Order(5)
  void metrics_showTheCacheCounters() {
    String path = "/api/v1/brands/" + Http.segment(brand(0)) + "/stats";
    http.get(path).ok();
    http.get(path).ok();
    String body = http.get("/metrics").body();
    assertTrue(body.contains("# TYPE stratacache_cache_hits_total counter"), "a counter");
    assertTrue(
        Pattern.compile(
                "(?m)^stratacache_cache_hits_total\\{(?=[^}]*cache=\"brand-stats\")"
                    + "(?=[^}]*tier=\"near\")[^}]*} [1-9]")
            .matcher(body)
            .find(),
        () ->
            "no near hits of brand-stats at /metrics: "
                + body.lines().filter(l -> l.contains("hits_total")).limit(5).toList());
  }

  @Test
  @Order(6)
  void jcacheStatisticsMXBean_throughTheServersJmxConnector() throws Exception {
    String path = "/api/v1/brands/" + Http.segment(brand(2)) + "/stats";
    http.get(path).ok(); // the beans exist from the cache's first use
    // Payara Server's own JMX connector (the system jmx-connector of the domain, port base + 86,
    // 8686 in domain1): the one JConsole and the admin console's monitoring use.
    JMXServiceURL url =
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + (portBase + 86) + "/jmxrmi");
    try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
      MBeanServerConnection jmx = connector.getMBeanServerConnection();
      Set<ObjectName> names =
          jmx.queryNames(
              new ObjectName("javax.cache:type=CacheStatistics,Cache=brand-stats,*"), null);
      assertEquals(1, names.size(), names.toString());
      ObjectName statistics = names.iterator().next();
      clear("brand-stats");
      long hits = ((Number) jmx.getAttribute(statistics, "CacheHits")).longValue();
      long misses = ((Number) jmx.getAttribute(statistics, "CacheMisses")).longValue();

      http.get(path).ok();
      http.get(path).ok();

      assertEquals(misses + 1, ((Number) jmx.getAttribute(statistics, "CacheMisses")).longValue());
      assertEquals(hits + 1, ((Number) jmx.getAttribute(statistics, "CacheHits")).longValue());
      ObjectName configuration =
          new ObjectName(statistics.toString().replace("CacheStatistics", "CacheConfiguration"));
      assertEquals(Boolean.TRUE, jmx.getAttribute(configuration, "StatisticsEnabled"));
      assertEquals(
          Set.of(), jmx.queryNames(new ObjectName("javax.cache:Cache=brand-list,*"), null));
    }
  }

  private String brand(int index) {
    return http.get("/api/v1/brands?limit=3").ok().array().getJsonObject(index).getString("name");
  }

  private JsonObject stats(String cache) {
    return http.get("/api/v1/cache/stats?cache=" + cache)
        .ok()
        .object()
        .getJsonArray("caches")
        .getJsonObject(0);
  }

  private static long delta(JsonObject after, JsonObject before, String field) {
    return after.getJsonNumber(field).longValue() - before.getJsonNumber(field).longValue();
  }

  private void clear(String cache) {
    Http.Answer a =
        http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/cache/clear?cache=" + cache))
                .header("Authorization", Auth.admin(base))
                .DELETE());
    assertEquals(200, a.status(), a.body());
  }
}
