package io.stratacache.bench;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.PayaraInstance;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster benchmarks of issue 4, on two Payara Micro instances on loopback sharing a fresh
 * PostgreSQL schema ({@code stratacache_bench}):
 *
 * <ol>
 *   <li>cross-instance staleness: 1,000 writes through A, each polled on B until B serves it (the
 *       client-side delay, an upper bound), plus B's own publish-to-receipt figures;
 *   <li>requests per second and errors on B while its grid tier is cut off and restored.
 * </ol>
 *
 * <pre>
 * mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.stratacache.bench.ClusterBench \
 *     -Dpayara.microJar=target/payara-micro.jar \
 *     -Dit.postgres.url='jdbc:postgresql://127.0.0.1:5432/test?currentSchema=stratacache_bench' \
 *     -Dit.postgres.user=postgres
 * </pre>
 */
public final class ClusterBench {

  private ClusterBench() {}

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("it.postgres.url");
    try (Connection c =
            DriverManager.getConnection(url, System.getProperty("it.postgres.user"), "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS stratacache_bench CASCADE");
      s.execute("CREATE SCHEMA stratacache_bench");
    }
    int grid = PayaraInstance.freePort();
    Map<String, String> settings =
        Map.of("CACHE_FAULT_INJECTION", "true", "cache.default.breaker.cool-down", "2s");
    try (PayaraInstance a =
            PayaraInstance.start("bench-a", "stratacache-bench", grid, 0, settings);
        PayaraInstance b =
            PayaraInstance.start("bench-b", "stratacache-bench", grid, 1, settings)) {
      CompletableFuture<?> readyA =
          CompletableFuture.runAsync(() -> a.awaitReady(Duration.ofMinutes(5)));
      b.awaitReady(Duration.ofMinutes(5));
      readyA.join();
      staleness(a.http(), b.http());
      cutOff(b.http());
    }
  }

  static void staleness(Http a, Http b) {
    int writes = 1000;
    long[] nanos = new long[writes];
    String key = "bench:staleness";
    set(a, key, "0");
    get(b, key);
    for (int i = 1; i <= writes; i++) {
      set(a, key, String.valueOf(i));
      long t0 = System.nanoTime();
      String expected = String.valueOf(i);
      while (!expected.equals(get(b, key))) {
        Thread.onSpinWait();
      }
      nanos[i - 1] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "staleness seen by a client polling B after each of %d writes through A: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        writes,
        nanos[writes / 2] / 1e6,
        nanos[(int) (writes * 0.99) - 1] / 1e6,
        nanos[writes - 1] / 1e6);
    JsonObject coherence =
        b.get("/api/v1/cache/stats?cache=brand-list")
            .ok()
            .object()
            .getJsonArray("caches")
            .getJsonObject(0)
            .getJsonObject("coherence");
    System.out.println("B's own publish-to-receipt figures (brand-list): " + coherence);
  }

  static void cutOff(Http b) throws Exception {
    List<String> paths = new ArrayList<>();
    for (int s = 1; s <= 10; s++) {
      paths.add("/api/v1/stores/" + s + "/dashboard");
    }
    paths.add("/api/v1/brands?limit=10");
    paths.add("/api/v1/questions/popular");
    paths.add("/api/v1/stores");
    for (int u = 1; u <= 20; u++) {
      paths.add("/api/v1/users/" + u + "/stats");
    }
    String admin = Auth.admin(b.uri("")); // user-stats needs a token; the other paths ignore it
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong[] ok = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    AtomicLong[] errors = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    int[] phase = {0};
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t;
      Thread thread =
          new Thread(
              () -> {
                int i = offset;
                while (running.get()) {
                  int p = phase[0];
                  try {
                    int status = b.get(paths.get(i++ % paths.size()), admin).status();
                    (status == 200 ? ok[p] : errors[p]).incrementAndGet();
                  } catch (RuntimeException e) {
                    errors[p].incrementAndGet();
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    Thread.sleep(10_000);
    phase[0] = 1;
    fault(b, "FAIL");
    Thread.sleep(10_000);
    fault(b, "NONE");
    phase[0] = 2;
    Thread.sleep(10_000);
    running.set(false);
    for (Thread t : threads) {
      t.join();
    }
    String[] names = {"grid up", "grid cut off", "grid restored"};
    for (int p = 0; p < 3; p++) {
      System.out.printf(
          Locale.ROOT,
          "%-14s 10 s, 4 connections: %.0f req/s, %d errors%n",
          names[p],
          ok[p].get() / 10.0,
          errors[p].get());
    }
    System.out.println(
        "B's cache health after restoring: "
            + b.get("/api/v1/cache/health").ok().object().getString("status"));
  }

  static void set(Http http, String key, String valueJson) {
    http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/cache/set"))
                .header("Content-Type", "application/json")
                .header("Authorization", Auth.admin(http.uri("")))
                .POST(
                    BodyPublishers.ofString(
                        "{\"cache\":\"brand-list\",\"key\":\""
                            + key
                            + "\",\"value\":"
                            + valueJson
                            + "}")))
        .ok();
  }

  static String get(Http http, String key) {
    JsonObject o =
        http.send(
                HttpRequest.newBuilder(http.uri("/api/v1/cache/get"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", Auth.admin(http.uri("")))
                    .POST(
                        BodyPublishers.ofString(
                            "{\"cache\":\"brand-list\",\"key\":\"" + key + "\"}")))
            .ok()
            .object();
    return o.getString("state").equals("PRESENT") ? o.get("value").toString() : null;
  }

  static void fault(Http http, String mode) {
    http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/cache/faults"))
                .header("Content-Type", "application/json")
                .header("Authorization", Auth.admin(http.uri("")))
                .POST(BodyPublishers.ofString("{\"tier\":\"grid\",\"mode\":\"" + mode + "\"}")))
        .ok();
  }
}
