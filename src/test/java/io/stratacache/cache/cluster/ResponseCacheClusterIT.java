package io.stratacache.cache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Http;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The response cache on two instances sharing a grid and a database: a rule created on A applies on
 * B within 1 s, an answer cached by A is a hit on B, and an invalidation made on A drops B's copy
 * within 1 s.
 */
class ResponseCacheClusterIT {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static ClusterNodes nodes;
  static Http a;
  static Http b;

  @BeforeAll
  static void startCluster() {
    nodes = ClusterNodes.start("respcache");
    a = nodes.a.http();
    b = nodes.b.http();
  }

  @AfterAll
  static void stopCluster() {
    if (nodes != null) {
      nodes.close();
    }
  }

  private static HttpResponse<String> send(Http on, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(on.uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", io.stratacache.testing.Auth.admin(on.uri("")))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String xcache(Http on, String path) throws Exception {
    return CLIENT
        .send(
            HttpRequest.newBuilder(on.uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .headers()
        .firstValue("X-Cache")
        .orElse("none");
  }

  @Test
  void ruleCreatedOnA_appliesOnB_andAnswersAreShared() throws Exception {
    String rule =
        "{\"id\":\"it-cluster\",\"pattern\":\"/api/v1/ping\",\"ttlSeconds\":600,\"tags\":[\"ping\"]}";
    assertEquals(201, send(a, "POST", "/api/v1/cache/rules", rule).statusCode());
    try {
      long start = System.nanoTime();
      String seen = xcache(b, "/api/v1/ping");
      while (!seen.equals("MISS")
          && !seen.equals("HIT")
          && System.nanoTime() - start < 1_000_000_000L) {
        Thread.sleep(20);
        seen = xcache(b, "/api/v1/ping");
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(
          seen.equals("MISS") || seen.equals("HIT"),
          "rule not applied on B after " + millis + " ms: " + seen);
      assertEquals("HIT", xcache(a, "/api/v1/ping"), "B's answer is a hit on A");
      assertEquals(200, send(a, "DELETE", "/api/v1/cache/responses?tag=ping", null).statusCode());
      start = System.nanoTime();
      seen = xcache(b, "/api/v1/ping");
      while (seen.equals("HIT") && System.nanoTime() - start < 1_000_000_000L) {
        Thread.sleep(20);
        seen = xcache(b, "/api/v1/ping");
      }
      assertEquals("MISS", seen, "invalidation on A reached B within 1 s");
    } finally {
      send(a, "DELETE", "/api/v1/cache/rules/it-cluster", null);
    }
  }
}
