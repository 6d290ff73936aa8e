package io.stratacache.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store hierarchy's benchmark against a running server with demo data (JDK only; run by {@code
 * bench/store-hierarchy.sh}, which starts the server):
 *
 * <pre>
 * java src/test/java/io/stratacache/bench/StoreHierarchyBench.java http://127.0.0.1:8089 TOKEN
 * </pre>
 *
 * <p>One run of each row of docs/benchmarks.md ("Store hierarchy"): the staged warm-up (task {@code
 * store_hierarchy}, its duration and stages from the warm-up history), the hierarchy's bytes after
 * it, cold diagnoses of 10 stores × 365 days (store sets never asked before), cached dashboard and
 * diagnosis latency, and ingestion in batches of 1,000 with the hierarchy kept exact (checked
 * against the database afterwards). Loopback only.
 */
public final class StoreHierarchyBench {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static String base;
  private static String token;

  private StoreHierarchyBench() {}

  public static void main(String[] args) throws Exception {
    base = args[0];
    String host = URI.create(base).getHost();
    if (!(host.equals("localhost") || host.startsWith("127."))) {
      throw new IllegalArgumentException("refusing a non-loopback target: " + base);
    }
    String ready = awaitDemoData();
    token = exchange(args[1]);
    LocalDate today = LocalDate.parse(field(ready, "anchorDate"));
    int stores = count(get("/api/v1/stores"), "\"code\"");
    System.out.printf(Locale.ROOT, "stores %d, anchor %s%n", stores, today);

    // 1. Staged warm-up, alone.
    post("/api/v1/cache/warmup/execute", "{\"tasks\":[\"store_hierarchy\"]}");
    String run = awaitRun();
    System.out.println("warm-up run: " + run);

    // 2. Hierarchy memory after warm-up.
    String stats = get("/api/v1/stores/cache/stats");
    System.out.println("stats after warm-up: " + stats);

    // 3. Cold diagnoses: 10 stores x 365 days, each a store set and range never asked before
    // (ten distinct stores at random, the range ending i days before the anchor).
    Random random = new Random(12);
    LocalDate from = today.minusDays(364);
    int setSize = Math.min(10, stores);
    double[] cold = new double[30];
    for (int i = 0; i < cold.length; i++) {
      java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
      while (ids.size() < setSize) {
        ids.add(1 + random.nextInt(stores));
      }
      String list = ids.toString().replaceAll("[\\[\\] ]", "");
      LocalDate to = today.minusDays(i);
      cold[i] =
          timed("/api/v1/diagnosis?stores=" + list + "&from=" + to.minusDays(364) + "&to=" + to);
    }
    report("cold diagnosis " + setSize + " stores x 365 days (30 new sets)", cold);

    // 4. Cached dashboard and diagnosis.
    String dash = "/api/v1/stores/1/dashboard?from=" + today.minusDays(89) + "&to=" + today;
    StringBuilder first = new StringBuilder();
    for (int i = 1; i <= setSize; i++) {
      first.append(i == 1 ? "" : ",").append(i);
    }
    String diag = "/api/v1/diagnosis?stores=" + first + "&from=" + from + "&to=" + today;
    for (int i = 0; i < 300; i++) {
      timed(dash);
      timed(diag);
    }
    double[] d = new double[2000];
    double[] x = new double[2000];
    for (int i = 0; i < d.length; i++) {
      d[i] = timed(dash);
      x[i] = timed(diag);
    }
    report("cached dashboard 90 days", d);
    report("cached diagnosis 10 stores x 365 days", x);

    // 5. Ingestion, batches of 1,000 orders, hierarchy kept exact.
    int batches = 20;
    long started = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      long store = 1 + (b % Math.min(stores, 20));
      StringBuilder body = new StringBuilder("{\"orders\":[");
      for (int i = 0; i < 1000; i++) {
        LocalDate day = today.minusDays(random.nextInt(30));
        body.append(i == 0 ? "" : ",")
            .append("{\"clientOrderId\":\"bench-")
            .append(started)
            .append('-')
            .append(b)
            .append('-')
            .append(i)
            .append("\",\"orderedAt\":\"")
            .append(day)
            .append("T")
            .append(
                String.format(
                    Locale.ROOT, "%02d:%02d:00Z", 8 + random.nextInt(12), random.nextInt(60)))
            .append("\",\"amount\":")
            .append(5 + random.nextInt(120))
            .append(".50,\"items\":2,\"channel\":\"IN_STORE\"}");
      }
      body.append("]}");
      String r = post("/api/v1/stores/" + store + "/orders", body.toString());
      if (!r.contains("\"accepted\":1000")) {
        throw new IllegalStateException("batch " + b + ": " + r);
      }
      timed("/api/v1/stores/" + store + "/dashboard?from=" + today.minusDays(29) + "&to=" + today);
    }
    double secs = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "ingestion: %d orders in %.2f s = %.0f orders/s (each batch followed by a dashboard read)%n",
        batches * 1000,
        secs,
        batches * 1000 / secs);
    for (long s = 1; s <= Math.min(stores, 20); s++) {
      String q = "?from=" + today.minusDays(29) + "&to=" + today;
      String cached = get("/api/v1/stores/" + s + "/dashboard" + q);
      String reference = get("/api/v1/stores/" + s + "/dashboard/reference" + q);
      if (!cached.equals(reference)) {
        throw new IllegalStateException("store " + s + ": hierarchy and database differ");
      }
    }
    System.out.println("exact: the dashboards of the 20 ingested stores equal the database's");
    System.out.println("stats at the end: " + get("/api/v1/stores/cache/stats"));
  }

  private static void report(String what, double[] millis) {
    double[] s = millis.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%s: n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        what,
        s.length,
        s[(int) (s.length * 0.5)],
        s[(int) (s.length * 0.9)],
        s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)],
        s[s.length - 1]);
  }

  private static double timed(String path) throws Exception {
    long t = System.nanoTime();
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    double ms = (System.nanoTime() - t) / 1e6;
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    }
    return ms;
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static String post(String path, String body) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return CLIENT.send(
        b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The admin JWT for the admin token ({@code POST /api/v1/auth/token}). */
  private static String exchange(String adminToken) throws Exception {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"admin_token\":\"" + adminToken + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("no admin JWT: " + r.statusCode() + " " + r.body());
    }
    return field(r.body(), "access_token");
  }

  private static String awaitDemoData() throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            CLIENT.send(
                HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        // Payara answers the readiness check while the application is still being deployed: the
        // API is there only once the ping answers.
        if (r.body().contains("\"anchorDate\"")
            && r.body().contains("READY")
            && CLIENT
                    .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/ping")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode()
                == 200) {
          return r.body();
        }
      } catch (java.io.IOException starting) {
        // not up yet
      }
      Thread.sleep(2000);
    }
    throw new IllegalStateException("no demo data after 30 minutes");
  }

  private static String awaitRun() throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    Thread.sleep(500);
    while (System.nanoTime() < deadline) {
      String status = get("/api/v1/cache/warmup/status");
      if (status.contains("\"running\":false")) {
        // The whole run: the task's duration and stages come before its name in the JSON.
        return get("/api/v1/cache/warmup/stats?limit=1");
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("warm-up still running after 15 minutes");
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException(name + " not in " + json);
    }
    return m.group(1);
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
