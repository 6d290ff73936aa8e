package io.stratacache.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.PayaraInstance;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro instances sharing one grid and one PostgreSQL database, both pointed at one
 * scripted upstream: an answer generated on A is served by B, concurrent identical requests on both
 * make one upstream call in the whole cluster, and the cache's statistics are the cluster's.
 */
class AiClusterIT {

  static StubUpstream upstream;
  static PayaraInstance a;
  static PayaraInstance b;

  @BeforeAll
  static void start() throws Exception {
    upstream = new StubUpstream();
    Map<String, String> settings = new HashMap<>();
    settings.put("OPENAI_API_KEY", "it-key");
    settings.put("OPENAI_BASE_URL", upstream.baseUrl());
    settings.put("AI_RETRY_DELAY_MS", "200");
    String cluster = "stratacache-ai-it-" + UUID.randomUUID().toString().substring(0, 8);
    int grid = gridBasePort();
    a = PayaraInstance.start("ai-a", cluster, grid, 0, settings);
    b = PayaraInstance.start("ai-b", cluster, grid, 1, settings);
    CompletableFuture<?> readyA =
        CompletableFuture.runAsync(() -> a.awaitReady(Duration.ofMinutes(4)));
    b.awaitReady(Duration.ofMinutes(4));
    readyA.join();
  }

  @AfterAll
  static void stop() {
    for (PayaraInstance p : new PayaraInstance[] {a, b}) {
      if (p != null) {
        p.close();
      }
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  static int gridBasePort() {
    for (int i = 0; i < 50; i++) {
      int p = PayaraInstance.freePort();
      try (java.net.ServerSocket s =
          new java.net.ServerSocket(p + 1, 1, java.net.InetAddress.getLoopbackAddress())) {
        return p;
      } catch (java.io.IOException taken) {
        // try another pair
      }
    }
    throw new IllegalStateException("no two consecutive free ports");
  }

  static Http.Answer generate(Http http, String body) {
    return http.send(
        HttpRequest.newBuilder(http.uri("/api/ai/generate"))
            .header("Authorization", Auth.admin(http.uri("/")))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static String body() {
    return AiUpstreamIT.body("集群企业-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Test
  void sameRequestOnAThenOnB_oneUpstreamCall() {
    upstream.reset();
    String body = body();
    JsonObject first = generate(a.http(), body).ok().object();
    assertFalse(first.getBoolean("cached"));
    JsonObject onB = generate(b.http(), body).ok().object();
    assertTrue(onB.getBoolean("cached"), onB.toString());
    assertEquals(first.getString("content"), onB.getString("content"));
    assertEquals(1, upstream.calls.get());
  }

  /**
   * {@code GET /api/ai/cache/stats} answers for the cluster on either instance: a miss on A and a
   * hit on B show in both answers' {@code stats} (the grid's counters; another member's requests
   * show within about a second), while each {@code instance} holds only that member's request.
   */
  @Test
  void stats_sumTheRequestsOfBothInstances() throws Exception {
    upstream.reset();
    // The baselines: once both members show the same cluster figures (an earlier test's requests
    // may still be on their way to the other member's counters).
    JsonObject beforeA = stats(a.http());
    JsonObject beforeB = stats(b.http());
    long settle = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < settle
        && !beforeA.getJsonObject("stats").equals(beforeB.getJsonObject("stats"))) {
      Thread.sleep(250);
      beforeA = stats(a.http());
      beforeB = stats(b.http());
    }
    String body = body();
    assertFalse(generate(a.http(), body).ok().object().getBoolean("cached"));
    assertTrue(generate(b.http(), body).ok().object().getBoolean("cached"));
    for (PayaraInstance p : new PayaraInstance[] {a, b}) {
      JsonObject before = p == a ? beforeA : beforeB;
      JsonObject now = stats(p.http());
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      // Each figure reaches the other member on its own (PN counters, about a second): wait for
      // all of those asserted below, not only the first two.
      while (System.nanoTime() < deadline
          && (delta(now, before, "stats", "hits") < 1
              || delta(now, before, "stats", "misses") < 1
              || delta(now, before, "stats", "upstream_calls") < 1
              || delta(now, before, "stats", "tokens_spent") < 1
              || delta(now, before, "stats", "tokens_saved") < 1)) {
        Thread.sleep(250);
        now = stats(p.http());
      }
      assertEquals("cluster", now.getString("scope"), now::toString);
      assertEquals(1, delta(now, before, "stats", "hits"), p.name() + ": " + now);
      assertEquals(1, delta(now, before, "stats", "misses"), p.name() + ": " + now);
      assertEquals(1, delta(now, before, "stats", "upstream_calls"), p.name() + ": " + now);
      assertEquals(
          delta(now, before, "stats", "tokens_spent"),
          delta(now, before, "stats", "tokens_saved"),
          "the hit on B saved what the miss on A spent: " + now);
      // each member's own figures hold its own request only
      assertEquals(p == a ? 0 : 1, delta(now, before, "instance", "hits"), p.name() + ": " + now);
      assertEquals(p == a ? 1 : 0, delta(now, before, "instance", "misses"), p.name() + ": " + now);
    }
  }

  static JsonObject stats(Http http) {
    return http.send(
            HttpRequest.newBuilder(http.uri("/api/ai/cache/stats"))
                .header("Authorization", Auth.admin(http.uri("/")))
                .GET())
        .ok()
        .object();
  }

  static long delta(JsonObject now, JsonObject before, String scope, String figure) {
    return now.getJsonObject(scope).getJsonNumber(figure).longValue()
        - before.getJsonObject(scope).getJsonNumber(figure).longValue();
  }

  @Test
  void concurrentIdenticalOnBoth_oneUpstreamCall() throws Exception {
    upstream.reset();
    upstream.defaultDelayMillis.set(1500);
    String body = body();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Http.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Http target = i % 2 == 0 ? a.http() : b.http();
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return generate(target, body);
                }));
      }
      go.countDown();
      String content = null;
      for (Future<Http.Answer> f : answers) {
        String c = f.get().ok().object().getString("content");
        if (content != null) {
          assertEquals(content, c);
        }
        content = c;
      }
      assertEquals(1, upstream.calls.get(), "one upstream call in the cluster");
    } finally {
      pool.shutdownNow();
    }
  }
}
