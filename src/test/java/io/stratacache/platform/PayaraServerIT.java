package io.stratacache.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The unchanged {@code target/ROOT.war} on Payara Server 6 (the full server, unpacked by the build
 * from {@code fish.payara.distributions:payara}), deployed the way docs/servers.md says: {@code
 * server-config/payara-server-configure.sh} creates a domain on a port base (so it never meets a
 * developer's domain1), starts it, binds its data grid to loopback, sets the settings as system
 * properties and runs {@code asadmin deploy --contextroot /}. No Arquillian: the server is a real
 * process started by asadmin, as an operator would. Runs in failsafe's execution it-payara-server
 * only (part of {@code mvn verify}; {@code -DskipPayaraServerITs} or {@code -DskipH2ITs} leaves it
 * out); elsewhere it skips itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayaraServerIT {

  private static final String DOMAIN = "stratacache-it";
  private static final String ADMIN_TOKEN = io.stratacache.testing.ServerTest.ADMIN_TOKEN;

  private Path home;
  private int portBase;
  private Path log;
  private boolean started;
  private URL base;
  private Http http;

  @BeforeAll
  void startDomainAndDeploy() throws Exception {
    String h = System.getProperty("it.payara.server.home");
    assumeTrue(h != null, "only in failsafe's it-payara-server execution");
    home = Path.of(h);
    portBase = Integer.getInteger("it.payara.server.portbase", 28000);
    log = Path.of(System.getProperty("it.payara.server.log", "target/payara-server-it.log"));
    Path data = Path.of("target/it-data/payara-server").toAbsolutePath();
    deleteTree(home.resolve("glassfish/domains/" + DOMAIN));
    deleteTree(data);

    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add("server-config/payara-server-configure.sh");
    command.addAll(
        List.of(
            "ADMIN_TOKEN=" + ADMIN_TOKEN,
            "DEMO_DATA=small",
            "HTTP_CACHE_DEFAULT_RULES=disabled",
            "WARMUP_INTERVAL_MINUTES=0",
            "AUTH_DEMO_TOKENS=true",
            "cache.brand-stats.jcache.statistics=true",
            "cache.brand-stats.jcache.management=true"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PAYARA_HOME", home.toString());
    pb.environment().put("DOMAIN", DOMAIN);
    pb.environment().put("PORTBASE", Integer.toString(portBase));
    pb.environment()
        .put("CLUSTER_NAME", System.getProperty("it.cluster.name", "stratacache-it") + "-server");
    pb.environment().put("DATA_DIR", data.toString());
    pb.environment().put("WAR", "target/ROOT.war");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    started = true; // from here on, stop the domain whatever happens
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "configure script still running after 10 min");
    assertEquals(0, p.exitValue(), () -> "configure script failed, see " + log + ": " + tail());

    base = new URL("http://127.0.0.1:" + (portBase + 80) + "/");
    http = new Http(base);
    http.awaitDemoData();
  }

  @AfterAll
  void stopDomain() throws Exception {
    if (!started) {
      return;
    }
    Process p =
        new ProcessBuilder(
                home.resolve("bin/asadmin").toString(),
                "--port",
                Integer.toString(portBase + 48),
                "stop-domain",
                DOMAIN)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
  }

  @Test
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

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
