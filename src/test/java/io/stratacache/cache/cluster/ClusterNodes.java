package io.stratacache.cache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.PayaraInstance;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Two Payara Micro instances forming one grid on loopback, and the calls the cluster tests make.
 */
final class ClusterNodes implements AutoCloseable {

  final PayaraInstance a;
  volatile PayaraInstance b;
  private final String cluster;
  private final int grid;
  private final Map<String, String> settings;
  private final List<String> jvmOptions;

  private ClusterNodes(
      PayaraInstance a,
      PayaraInstance b,
      String cluster,
      int grid,
      Map<String, String> settings,
      List<String> jvmOptions) {
    this.a = a;
    this.b = b;
    this.cluster = cluster;
    this.grid = grid;
    this.settings = settings;
    this.jvmOptions = jvmOptions;
  }

  /**
   * Starts B again (after {@link PayaraInstance#kill}) with its name, grid place, settings and JVM
   * options, and waits until it serves requests ({@link PayaraInstance#awaitServing}: deployed and
   * in the grid; its start-up warm-up may still be running); it answers on a new HTTP port.
   */
  PayaraInstance restartB() {
    b.kill();
    PayaraInstance again =
        PayaraInstance.start(b.name() + "-again", cluster, grid, 1, settings, jvmOptions);
    again.awaitServing(Duration.ofMinutes(4));
    b = again;
    return again;
  }

  /** Starts both instances in parallel and waits until both serve their demo data. */
  static ClusterNodes start(String prefix) {
    return start(prefix, Map.of());
  }

  /** As {@link #start(String)}, with {@code extra} settings (system properties) on both. */
  static ClusterNodes start(String prefix, Map<String, String> extra) {
    return start(prefix, extra, List.of());
  }

  /** As {@link #start(String, Map)}, with extra JVM options on both (and on a restarted B). */
  static ClusterNodes start(String prefix, Map<String, String> extra, List<String> jvmOptions) {
    return start(prefix, extra, jvmOptions, List.of());
  }

  /**
   * As {@link #start(String, Map, List)}, with {@code onlyA} JVM options on A alone (a JMX
   * connector's port, see {@link #jmxOptions}).
   */
  static ClusterNodes start(
      String prefix, Map<String, String> extra, List<String> jvmOptions, List<String> onlyA) {
    String cluster = "stratacache-it-" + UUID.randomUUID().toString().substring(0, 8);
    int grid = gridBasePort();
    Map<String, String> settings = new java.util.HashMap<>(extra);
    settings.putIfAbsent("CACHE_FAULT_INJECTION", "true");
    settings.putIfAbsent("cache.default.breaker.cool-down", "2s");
    settings.putIfAbsent("cache.default.breaker.minimum-calls", "3");
    List<String> optionsA = new ArrayList<>(jvmOptions);
    optionsA.addAll(onlyA);
    PayaraInstance a = PayaraInstance.start(prefix + "-a", cluster, grid, 0, settings, optionsA);
    PayaraInstance b = PayaraInstance.start(prefix + "-b", cluster, grid, 1, settings, jvmOptions);
    try {
      CompletableFuture<?> readyA =
          CompletableFuture.runAsync(() -> a.awaitReady(Duration.ofMinutes(4)));
      b.awaitReady(Duration.ofMinutes(4));
      readyA.join();
    } catch (RuntimeException | Error e) {
      a.close();
      b.close();
      throw e;
    }
    return new ClusterNodes(a, b, cluster, grid, settings, List.copyOf(jvmOptions));
  }

  /**
   * The JVM options of a JMX connector on loopback at {@code port}, without authentication (the
   * JDK's {@code com.sun.management.jmxremote.*}; registry and RMI server on the same port), as
   * docs/jcache.md shows for JConsole.
   */
  static List<String> jmxOptions(int port) {
    return List.of(
        "-Dcom.sun.management.jmxremote.port=" + port,
        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
        "-Djava.rmi.server.hostname=127.0.0.1",
        "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false");
  }

  /** Two free consecutive loopback ports for the grid. */
  private static int gridBasePort() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int p = PayaraInstance.freePort();
      if (p < 65000 && free(p + 1)) {
        return p;
      }
    }
    throw new IllegalStateException("no two consecutive free ports");
  }

  private static boolean free(int port) {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static Http.Answer post(Http http, String path, String json) {
    return http.send(
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .header("Authorization", Auth.admin(http.uri("")))
            .POST(BodyPublishers.ofString(json)));
  }

  static void set(Http http, String cache, String key, String valueJson) {
    post(
            http,
            "/api/v1/cache/set",
            "{\"cache\":\"" + cache + "\",\"key\":\"" + key + "\",\"value\":" + valueJson + "}")
        .ok();
  }

  /** The cached value's JSON, or null when absent; never loads. */
  static String get(Http http, String cache, String key) {
    JsonObject o =
        post(http, "/api/v1/cache/get", "{\"cache\":\"" + cache + "\",\"key\":\"" + key + "\"}")
            .ok()
            .object();
    return o.getString("state").equals("PRESENT") ? o.get("value").toString() : null;
  }

  static void clear(Http http, String cache) {
    Http.Answer a =
        http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/cache/clear?cache=" + cache))
                .header("Authorization", Auth.admin(http.uri("")))
                .DELETE());
    assertEquals(200, a.status(), a.body());
  }

  static JsonObject stats(Http http, String cache) {
    return http.get("/api/v1/cache/stats?scope=local&cache=" + cache)
        .ok()
        .object()
        .getJsonArray("caches")
        .getJsonObject(0);
  }

  static long loads(Http http, String cache) {
    return stats(http, cache).getJsonNumber("loads").longValue();
  }

  static void fault(Http http, String tier, String mode) {
    post(http, "/api/v1/cache/faults", "{\"tier\":\"" + tier + "\",\"mode\":\"" + mode + "\"}")
        .ok();
  }

  /** The statuses of one tier over every cache at /api/v1/cache/health. */
  static List<String> tierStatuses(Http http, String tier) {
    List<String> statuses = new ArrayList<>();
    for (JsonValue c :
        http.get("/api/v1/cache/health?scope=local").ok().object().getJsonArray("caches")) {
      for (JsonValue t : c.asJsonObject().getJsonArray("tiers")) {
        if (t.asJsonObject().getString("tier").equals(tier)) {
          statuses.add(t.asJsonObject().getString("status"));
        }
      }
    }
    return statuses;
  }

  /** The log file of an instance (see {@link PayaraInstance#start}). */
  static java.nio.file.Path log(PayaraInstance p) {
    return java.nio.file.Path.of("target", "cluster-" + p.name() + ".log").toAbsolutePath();
  }

  @Override
  public void close() {
    try {
      a.close();
    } finally {
      b.close();
    }
  }
}
