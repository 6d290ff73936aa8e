package io.stratacache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.stratacache.testing.Auth;
import io.stratacache.testing.ServerTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The response cache in a real Payara Micro: the default rules, rule administration and its
 * refusals, and an upstream route to a small HTTP server started here (coalescing, Set-Cookie,
 * private, 304, stale-if-error, invalidation).
 */
class ResponseCacheIT extends ServerTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(http.uri(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String admin() {
    return Auth.admin(URI.create(base.toString()));
  }

  private static String xcache(HttpResponse<?> r) {
    return r.headers().firstValue("X-Cache").orElse("none");
  }

  @Test
  void defaultRules_hitOnSecondRequest() throws Exception {
    HttpResponse<String> list = send("GET", "/api/v1/cache/rules", null, "Authorization", admin());
    assertEquals(200, list.statusCode(), list.body());
    JsonObject o = Json.createReader(new StringReader(list.body())).readObject();
    List<JsonObject> rules = new ArrayList<>();
    for (JsonValue v : o.getJsonArray("rules")) {
      rules.add(v.asJsonObject().getJsonObject("rule"));
    }
    assertEquals(10, rules.size(), list.body());
    String brand =
        Json.createReader(new StringReader(send("GET", "/api/v1/brands?limit=1", null).body()))
            .readArray()
            .getJsonObject(0)
            .getString("name");
    String brandPath =
        "/api/v1/brands/"
            + java.net.URLEncoder.encode(brand, StandardCharsets.UTF_8).replace("+", "%20")
            + "/stats";
    try {
      for (JsonObject r : rules) {
        String on = r.toString().replace("\"enabled\":false", "\"enabled\":true");
        HttpResponse<String> put =
            send("PUT", "/api/v1/cache/rules/" + r.getString("id"), on, "Authorization", admin());
        assertEquals(200, put.statusCode(), put.body());
      }
      Map<String, String> paths =
          Map.of(
              "brand-list", "/api/v1/brands?limit=3",
              "store-list", "/api/v1/stores",
              "cache-config", "/api/v1/cache/config",
              "cache-health", "/api/v1/cache/health",
              "brand-stats", brandPath,
              "store-dashboard", "/api/v1/stores/1/dashboard",
              "popular-questions", "/api/v1/questions/popular?limit=5",
              "monitoring-metrics", "/api/v1/cache/monitoring/metrics?cache=brand-stats",
              "liveness", "/health/live");
      for (Map.Entry<String, String> p : paths.entrySet()) {
        HttpResponse<String> first = send("GET", p.getValue(), null);
        HttpResponse<String> second = send("GET", p.getValue(), null);
        assertTrue(
            List.of("MISS", "HIT").contains(xcache(first)),
            p.getKey()
                + " first: "
                + xcache(first)
                + " "
                + first.statusCode()
                + " "
                + first.body());
        assertEquals("HIT", xcache(second), p.getKey() + ": " + second.body());
        assertEquals(first.body(), second.body());
        assertTrue(second.headers().firstValue("Age").isPresent());
      }
      HttpResponse<String> inval =
          send(
              "DELETE",
              "/api/v1/cache/responses?tag="
                  + java.net.URLEncoder.encode("brand:" + brand, StandardCharsets.UTF_8),
              null,
              "Authorization",
              admin());
      assertEquals(200, inval.statusCode(), inval.body());
      assertEquals("MISS", xcache(send("GET", brandPath, null)));
      send(
          "DELETE",
          "/api/v1/cache/responses?pattern=/api/v1/stores/**",
          null,
          "Authorization",
          admin());
      assertEquals("MISS", xcache(send("GET", "/api/v1/stores/1/dashboard", null)));
      assertEquals("HIT", xcache(send("GET", "/api/v1/brands?limit=3", null)));
    } finally {
      for (JsonObject r : rules) {
        send(
            "PUT",
            "/api/v1/cache/rules/" + r.getString("id"),
            r.toString(),
            "Authorization",
            admin());
      }
      send("DELETE", "/api/v1/cache/responses?pattern=/api/**", null, "Authorization", admin());
    }
  }

  /** A user's Authorization value (a demo user token). */
  private String user(long id) {
    return Auth.user(URI.create(base.toString()), id);
  }

  @Test
  void perUserRule_neverServesOneUsersBodyToAnother() throws Exception {
    String alice = user(1);
    String bob = user(2);
    HttpResponse<String> list = send("GET", "/api/v1/cache/rules", null, "Authorization", admin());
    JsonObject rule = null;
    for (JsonValue v :
        Json.createReader(new StringReader(list.body())).readObject().getJsonArray("rules")) {
      JsonObject r = v.asJsonObject().getJsonObject("rule");
      if (r.getString("id").equals("user-stats")) {
        rule = r;
      }
    }
    assertTrue(rule != null, list.body());
    String on = rule.toString().replace("\"enabled\":false", "\"enabled\":true");
    assertEquals(
        200,
        send("PUT", "/api/v1/cache/rules/user-stats", on, "Authorization", admin()).statusCode());
    try {
      String aliceBody = null;
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> a = send("GET", "/api/v1/users/1/stats", null, "Authorization", alice);
        assertEquals(200, a.statusCode(), a.body());
        if (aliceBody == null) {
          aliceBody = a.body();
        }
        assertEquals(aliceBody, a.body());
        HttpResponse<String> b = send("GET", "/api/v1/users/1/stats", null, "Authorization", bob);
        assertFalse(
            b.statusCode() == 200 && b.body().equals(aliceBody),
            "bob received alice's answer: " + xcache(b));
        HttpResponse<String> own = send("GET", "/api/v1/users/2/stats", null, "Authorization", bob);
        assertFalse(own.body().equals(aliceBody), "bob's own answer is alice's");
      }
      assertEquals(
          "HIT", xcache(send("GET", "/api/v1/users/1/stats", null, "Authorization", alice)));
      assertEquals(
          403,
          send("GET", "/api/v1/cache/rules", null, "Authorization", alice).statusCode(),
          "a user is not an admin");
      assertEquals(
          403,
          send("DELETE", "/api/v1/cache/responses?user=x", null, "Authorization", alice)
              .statusCode());
      send("DELETE", "/api/v1/cache/responses?user=1", null, "Authorization", admin());
    } finally {
      send("PUT", "/api/v1/cache/rules/user-stats", rule.toString(), "Authorization", admin());
    }
  }

  @Test
  void rules_badInputAndAuth_refusedAndNothingChanges() throws Exception {
    String ok = "{\"id\":\"it-x\",\"pattern\":\"/api/v1/ping\",\"ttlSeconds\":60}";
    assertEquals(401, send("POST", "/api/v1/cache/rules", ok).statusCode());
    assertEquals(401, send("GET", "/api/v1/cache/rules", null).statusCode());
    assertEquals(401, send("DELETE", "/api/v1/cache/responses?tag=x", null).statusCode());
    for (String bad :
        List.of(
            "{\"id\":\"it-b\",\"pattern\":\"/**\",\"ttlSeconds\":60}",
            "{\"id\":\"it-b\",\"pattern\":\"api\",\"ttlSeconds\":60}",
            "{\"id\":\"it-b\",\"pattern\":\"/api/x\",\"ttlSeconds\":-5}",
            "{\"id\":\"it-b\",\"pattern\":\"/api/x\",\"ttlSeconds\":5,\"statuses\":[299]}",
            "{\"id\":\"it-b\",\"pattern\":\"/api/x\",\"ttlSeconds\":5,\"upstream\":\"localhost:9\"}",
            "{\"id\":\"it-b\",\"pattern\":\"/api/x\",\"ttlSeconds\":5,\"nope\":1}")) {
      HttpResponse<String> r = send("POST", "/api/v1/cache/rules", bad, "Authorization", admin());
      assertEquals(400, r.statusCode(), bad + " -> " + r.body());
    }
    assertEquals(
        201, send("POST", "/api/v1/cache/rules", ok, "Authorization", admin()).statusCode());
    try {
      assertEquals(
          409, send("POST", "/api/v1/cache/rules", ok, "Authorization", admin()).statusCode());
      String samePattern = "{\"id\":\"it-y\",\"pattern\":\"/api/v1/ping\",\"ttlSeconds\":60}";
      assertEquals(
          409,
          send("POST", "/api/v1/cache/rules", samePattern, "Authorization", admin()).statusCode());
      assertEquals(
          400,
          send(
                  "PUT",
                  "/api/v1/cache/rules/it-x",
                  "{\"pattern\":\"/api/v1/ping\",\"ttlSeconds\":0}",
                  "Authorization",
                  admin())
              .statusCode());
      assertEquals(
          404,
          send(
                  "PUT",
                  "/api/v1/cache/rules/it-none",
                  ok.replace("it-x", "it-none"),
                  "Authorization",
                  admin())
              .statusCode());
      assertEquals(
          400,
          send("DELETE", "/api/v1/cache/responses?pattern=/**", null, "Authorization", admin())
              .statusCode());
      send("GET", "/api/v1/ping", null);
      assertEquals("HIT", xcache(send("GET", "/api/v1/ping", null)), "the rule applies at once");
    } finally {
      assertEquals(
          204,
          send("DELETE", "/api/v1/cache/rules/it-x", null, "Authorization", admin()).statusCode());
    }
    Thread.sleep(1100);
    assertEquals(
        "BYPASS", xcache(send("GET", "/api/v1/ping", null)), "deleted rule no longer applies");
  }

  @Test
  void upstreamRoute_coalescesRefusesPrivateAndServesStaleOnError() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();
    AtomicInteger failing = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/",
        ex -> {
          calls.incrementAndGet();
          String p = ex.getRequestURI().getPath();
          byPath.computeIfAbsent(p, k -> new AtomicInteger()).incrementAndGet();
          try {
            Thread.sleep(p.contains("slow") ? 300 : 0);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (p.contains("cookie")) {
            ex.getResponseHeaders().add("Set-Cookie", "s=1");
          }
          if (p.contains("private")) {
            ex.getResponseHeaders().add("Cache-Control", "private");
          }
          int status = p.contains("flaky") && failing.get() > 0 ? 503 : 200;
          byte[] b = ("{\"path\":\"" + p + "\"}").getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(status, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    String upstream = "http://127.0.0.1:" + server.getAddress().getPort();
    String rule =
        "{\"id\":\"it-up\",\"pattern\":\"/ext/**\",\"ttlSeconds\":1,\"staleIfErrorSeconds\":600,"
            + "\"tags\":[\"ext\"],\"upstream\":\""
            + upstream
            + "\"}";
    assertEquals(
        201, send("POST", "/api/v1/cache/rules", rule, "Authorization", admin()).statusCode());
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        all.add(pool.submit(() -> send("GET", "/ext/slow", null)));
      }
      for (Future<HttpResponse<String>> f : all) {
        assertEquals(200, f.get().statusCode());
        assertEquals("{\"path\":\"/ext/slow\"}", f.get().body());
      }
      assertEquals(1, byPath.get("/ext/slow").get(), "50 concurrent misses, one backend call");

      send("GET", "/ext/cookie", null);
      assertEquals("BYPASS", xcache(send("GET", "/ext/cookie", null)));
      send("GET", "/ext/private", null);
      assertEquals("BYPASS", xcache(send("GET", "/ext/private", null)));
      assertEquals(2, byPath.get("/ext/cookie").get());
      assertEquals(2, byPath.get("/ext/private").get());

      HttpResponse<String> first = send("GET", "/ext/etag", null);
      String etag = first.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> nm = send("GET", "/ext/etag", null, "If-None-Match", etag);
      assertEquals(304, nm.statusCode());
      assertEquals("", nm.body());

      send("GET", "/ext/flaky", null);
      Thread.sleep(1300);
      failing.set(1);
      HttpResponse<String> stale = send("GET", "/ext/flaky", null);
      assertEquals(200, stale.statusCode());
      assertEquals("STALE", xcache(stale));
      failing.set(0);

      send("GET", "/ext/tagged", null);
      assertEquals("HIT", xcache(send("GET", "/ext/tagged", null)));
      send("DELETE", "/api/v1/cache/responses?tag=ext", null, "Authorization", admin());
      assertEquals("MISS", xcache(send("GET", "/ext/tagged", null)));
      HttpResponse<String> post = send("POST", "/ext/tagged", "{}");
      assertEquals("BYPASS", xcache(post));
      assertEquals("MISS", xcache(send("GET", "/ext/tagged", null)), "POST invalidated the URL");
      assertFalse(calls.get() > 20, "backend calls: " + calls.get());
    } finally {
      pool.shutdownNow();
      send("DELETE", "/api/v1/cache/rules/it-up", null, "Authorization", admin());
      server.stop(0);
    }
  }
}
