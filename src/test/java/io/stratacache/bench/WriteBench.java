package io.stratacache.bench;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.PayaraInstance;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Write latency with the caches kept exact (issue 13), on one Payara Micro instance over a fresh
 * PostgreSQL schema ({@code stratacache_bench_writes}), beside what the same write costs without
 * them, measured in the same run, one after another, interleaved in rounds:
 *
 * <ol>
 *   <li>{@code PUT /api/v1/brands/{name}} (a new category) with the brand's caches warm: the JPA
 *       change and commit, then every cache the write touches dropped in every tier (near, grid,
 *       store: {@code brand}, {@code brand-stats}, the brand list, the response cache's tag and
 *       path), docs/writes.md;
 *   <li>the same row updated by plain JDBC from this process ({@code UPDATE brand SET category =
 *       ?}, one commit): the database's share of the write, no cache touched (the product has no
 *       switch that leaves its caches stale, and should not);
 *   <li>{@code GET /api/v1/ping}, the request path's share (HTTP, JAX-RS, JSON).
 * </ol>
 *
 * The caches' share is then the write's time less the other two (an estimate: the JPA layer's own
 * cost is counted in it). Sequential requests (one client), bounded counts, loopback only.
 *
 * <pre>
 * mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.stratacache.bench.WriteBench \
 *     -Dpayara.microJar=target/payara-micro.jar \
 *     -Dit.postgres.url='jdbc:postgresql://127.0.0.1:5432/test?currentSchema=stratacache_bench_writes' \
 *     -Dit.postgres.user=postgres [-Dwrites=2000]
 * </pre>
 */
public final class WriteBench {

  private WriteBench() {}

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("it.postgres.url");
    String user = System.getProperty("it.postgres.user");
    int writes = Integer.getInteger("writes", 2000);
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS stratacache_bench_writes CASCADE");
      s.execute("CREATE SCHEMA stratacache_bench_writes");
    }
    try (PayaraInstance app =
        PayaraInstance.start(
            "bench-writes", "stratacache-bench-writes", PayaraInstance.freePort(), 0, Map.of())) {
      app.awaitReady(Duration.ofMinutes(5));
      Http http = app.http();
      String admin = Auth.admin(http.uri(""));
      String name = "bench-writes-" + Long.toString(System.nanoTime(), 36);
      String segment = Http.segment(name);
      http.json("POST", "/api/v1/brands", "{\"name\":\"" + name + "\",\"category\":\"c0\"}", admin)
          .status();
      long[] put = new long[writes];
      long[] jdbc = new long[writes];
      long[] ping = new long[writes];
      try (Connection c = DriverManager.getConnection(url, user, "");
          PreparedStatement update =
              c.prepareStatement("UPDATE brand SET category = ? WHERE name = ?")) {
        c.setAutoCommit(false);
        int warm = Math.min(200, writes);
        for (int round = -warm; round < writes; round++) {
          // the caches the write drops, warm again (what a read between writes would do)
          http.get("/api/v1/brands/" + segment).ok();
          http.get("/api/v1/brands/" + segment + "/stats").ok();
          long t0 = System.nanoTime();
          http.json("PUT", "/api/v1/brands/" + segment, body("c" + round), admin).ok();
          long t1 = System.nanoTime();
          update.setString(1, "j" + round);
          update.setString(2, name);
          update.executeUpdate();
          c.commit();
          long t2 = System.nanoTime();
          http.get("/api/v1/ping").ok();
          long t3 = System.nanoTime();
          if (round >= 0) {
            put[round] = t1 - t0;
            jdbc[round] = t2 - t1;
            ping[round] = t3 - t2;
          }
        }
      }
      print("PUT /api/v1/brands/{name}, caches kept exact", put);
      print("the same row by plain JDBC (UPDATE + commit)", jdbc);
      print("GET /api/v1/ping", ping);
      System.out.printf(
          Locale.ROOT,
          "caches' share (estimate: write - JDBC - ping), p50 %.2f ms of %.2f ms%n",
          (p(put, 0.5) - p(jdbc, 0.5) - p(ping, 0.5)) / 1e6,
          p(put, 0.5) / 1e6);
    }
  }

  private static String body(String category) {
    return "{\"category\":\"" + category + "\"}";
  }

  private static long p(long[] sorted, double q) {
    long[] copy = sorted.clone();
    Arrays.sort(copy);
    return copy[Math.min(copy.length - 1, (int) (copy.length * q))];
  }

  private static void print(String what, long[] nanos) {
    System.out.printf(
        Locale.ROOT,
        "%-48s n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n",
        what,
        nanos.length,
        p(nanos, 0.5) / 1e6,
        p(nanos, 0.9) / 1e6,
        p(nanos, 0.99) / 1e6,
        p(nanos, 1.0) / 1e6);
  }
}
