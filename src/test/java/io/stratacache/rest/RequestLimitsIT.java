package io.stratacache.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.ServerTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every JSON endpoint, family by family (cache administration, warm-up, monitoring), answers
 * hostile bodies with a 4xx in the {@code {"error","detail"}} shape and changes nothing: deep
 * nesting, a 10 MB body, wrong types, unknown members, missing members; and a bounded fuzz loop
 * over all of them never yields a 5xx.
 */
class RequestLimitsIT extends ServerTest {

  /** The admin's {@code Authorization} value. */
  String admin() {
    return Auth.admin(base);
  }

  static final String CACHE = "brand-stats";
  static final String DEEP = "[".repeat(10_000);
  static final String TEN_MB = "{\"cache\":\"" + "x".repeat(10 << 20) + "\"}";

  /** The JSON endpoints: method, path, a valid body. */
  record Endpoint(String method, String path, String valid) {}

  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("POST", "/api/v1/cache/get", "{\"cache\":\"brand-stats\",\"key\":\"k\"}"),
          new Endpoint(
              "POST",
              "/api/v1/cache/set",
              "{\"cache\":\"brand-stats\",\"key\":\"it:limits:fuzz\",\"value\":{\"a\":[1]}}"),
          new Endpoint("POST", "/api/v1/cache/faults", "{\"tier\":\"grid\",\"mode\":\"NONE\"}"),
          new Endpoint("POST", "/api/v1/cache/warmup/execute", "{\"tasks\":[\"nope\"]}"),
          new Endpoint(
              "POST",
              "/api/v1/cache/warmup/schedule",
              "{\"cache\":\"nope\",\"keys\":[\"a\",1],\"priority\":1}"),
          new Endpoint("POST", "/api/v1/cache/monitoring/alerts/resolve", "{\"id\":999999999}"),
          new Endpoint(
              "PUT", "/api/v1/cache/monitoring/rules/no_such_rule", "{\"threshold\":0.5}"));

  @BeforeEach
  void setUp() {
    http.awaitDemoData();
  }

  Http.Answer send(String method, String path, String json) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .header("Authorization", admin())
            .method(method, BodyPublishers.ofString(json));
    return http.send(r);
  }

  /** Asserts a 400 whose code is {@code code} and whose detail mentions {@code mentions}. */
  JsonObject refused(Http.Answer a, int status, String code, String mentions) {
    JsonObject e = a.error(status);
    assertEquals(code, e.getString("error"), e::toString);
    assertTrue(e.getString("detail").contains(mentions), e::toString);
    return e;
  }

  void hostileShapes(String method, String path) {
    refused(send(method, path, DEEP), 400, "invalid_parameter", "JSON object");
    refused(send(method, path, "{\"a\":" + DEEP + "}"), 400, "too_deeply_nested", "deeper");
    refused(send(method, path, TEN_MB), 413, "payload_too_large", "larger than");
    refused(send(method, path, "{\"a\":"), 400, "malformed_json", "not valid JSON");
    refused(send(method, path, "[1]"), 400, "invalid_parameter", "JSON object");
  }

  // ---- cache administration

  String lookup(String key) {
    return send(
            "POST", "/api/v1/cache/get", "{\"cache\":\"" + CACHE + "\",\"key\":\"" + key + "\"}")
        .ok()
        .object()
        .toString();
  }

  @Test
  void admin_hostileBodies_4xxAndNothingChanges() {
    send(
            "POST",
            "/api/v1/cache/set",
            "{\"cache\":\"brand-stats\",\"key\":\"it:limits\",\"value\":1}")
        .ok();
    String before = lookup("it:limits");
    for (String path : List.of("/api/v1/cache/get", "/api/v1/cache/set", "/api/v1/cache/faults")) {
      hostileShapes("POST", path);
    }
    String set = "/api/v1/cache/set";
    refused(
        send("POST", set, "{\"cache\":\"brand-stats\",\"key\":[\"it:limits\"],\"value\":2}"),
        400,
        "invalid_parameter",
        "key must be a string");
    refused(
        send(
            "POST", set, "{\"cache\":\"brand-stats\",\"key\":\"it:limits\",\"value\":2,\"ttl\":5}"),
        400,
        "invalid_parameter",
        "ttl is not a member");
    refused(
        send(
            "POST",
            set,
            "{\"cache\":\"brand-stats\",\"key\":\"it:limits\",\"value\":2,\"ttlSeconds\":1e30}"),
        400,
        "invalid_parameter",
        "ttlSeconds must be a whole number");
    refused(
        send("POST", set, "{\"cache\":\"brand-stats\",\"key\":\"it:limits\"}"),
        400,
        "invalid_parameter",
        "value is required");
    refused(
        send("POST", set, "{\"cache\":\"brand-stats\",\"key\":\"it:limits\",\"value\":" + DEEP),
        400,
        "too_deeply_nested",
        "64");
    refused(
        send("POST", "/api/v1/cache/faults", "{\"tier\":\"grid\",\"mode\":\"FAIL\",\"modes\":1}"),
        400,
        "invalid_parameter",
        "modes is not a member");
    assertEquals(before, lookup("it:limits"));
  }

  // ---- warm-up

  JsonObject warmupStatus() {
    return http.get("/api/v1/cache/warmup/status").ok().object();
  }

  long manualRuns() {
    return http
        .get("/api/v1/cache/warmup/stats?limit=1000")
        .ok()
        .object()
        .getJsonArray("runs")
        .stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> "manual".equals(r.getString("trigger", "")))
        .count();
  }

  @Test
  void warmup_hostileBodies_4xxAndNothingChanges() {
    long runs = manualRuns();
    int pending = warmupStatus().getInt("pendingKeys");
    for (String path : List.of("/api/v1/cache/warmup/execute", "/api/v1/cache/warmup/schedule")) {
      hostileShapes("POST", path);
    }
    String execute = "/api/v1/cache/warmup/execute";
    refused(send("POST", execute, "{\"tasks\":\"all\"}"), 400, "invalid_parameter", "tasks");
    refused(
        send("POST", execute, "{\"concurent\":true}"),
        400,
        "invalid_parameter",
        "concurent is not a member");
    refused(
        send("POST", execute, "{\"concurrent\":\"yes\"}"),
        400,
        "invalid_parameter",
        "concurrent must be true or false");
    String schedule = "/api/v1/cache/warmup/schedule";
    refused(
        send("POST", schedule, "{\"keys\":[\"a\"]}"),
        400,
        "invalid_parameter",
        "cache is required");
    refused(
        send("POST", schedule, "{\"cache\":\"brand-stats\"}"),
        400,
        "invalid_parameter",
        "keys must list 1..100000 keys");
    refused(
        send("POST", schedule, "{\"cache\":\"brand-stats\",\"keys\":[{\"k\":1}]}"),
        400,
        "invalid_parameter",
        "keys must be an array of strings");
    refused(
        send("POST", schedule, "{\"cache\":\"brand-stats\",\"keys\":[\"a\"],\"priority\":\"1\"}"),
        400,
        "invalid_parameter",
        "priority must be a whole number");
    refused(
        send("POST", schedule, "{\"cache\":\"brand-stats\",\"keys\":[\"a\"],\"priority\":5000}"),
        400,
        "invalid_parameter",
        "priority must be between -1000 and 1000");
    refused(
        send("POST", schedule, "{\"cache\":\"brand-stats\",\"keys\":[\"a\"],\"ttl\":60}"),
        400,
        "invalid_parameter",
        "ttl is not a member");
    assertEquals(runs, manualRuns(), "no run was started");
    assertEquals(pending, warmupStatus().getInt("pendingKeys"), "no key was queued");
  }

  // ---- monitoring

  JsonObject rules() {
    return http.get("/api/v1/cache/monitoring/rules").ok().object();
  }

  @Test
  void monitoring_hostileBodies_4xxAndNothingChanges() {
    JsonObject before = rules();
    String rule = "/api/v1/cache/monitoring/rules/misses_high";
    String resolve = "/api/v1/cache/monitoring/alerts/resolve";
    hostileShapes("PUT", rule);
    hostileShapes("POST", resolve);
    refused(
        send("PUT", rule, "{\"threshhold\":5}"),
        400,
        "invalid_parameter",
        "threshhold is not a member");
    refused(
        send("PUT", rule, "{\"windowSeconds\":60.5}"),
        400,
        "invalid_parameter",
        "windowSeconds must be a whole number");
    refused(
        send("PUT", rule, "{\"windowSeconds\":5}"),
        400,
        "invalid_parameter",
        "windowSeconds must be between");
    refused(
        send("PUT", rule, "{\"enabled\":\"no\"}"),
        400,
        "invalid_parameter",
        "enabled must be true or false");
    refused(send("PUT", rule, "{}"), 400, "invalid_parameter", "nothing to change");
    refused(send("POST", resolve, "{}"), 400, "invalid_parameter", "id is required");
    refused(
        send("POST", resolve, "{\"id\":\"7\"}"), 400, "invalid_parameter", "id must be a whole");
    refused(
        send("POST", resolve, "{\"id\":-7}"), 400, "invalid_parameter", "id must be a positive");
    refused(
        send("POST", resolve, "{\"id\":1,\"force\":true}"),
        400,
        "invalid_parameter",
        "force is not a member");
    assertEquals(before, rules(), "no rule changed");
  }

  // ---- all families

  /**
   * 300 random mutations of valid bodies (fixed seed) over every JSON endpoint: never a 5xx, and
   * every refusal in the error shape.
   */
  @Test
  void fuzzedBodies_never5xx() {
    String alphabet = "{}[]\":,0123456789.eE-+ \\nultrfasx";
    Random random = new Random(9L);
    for (int i = 0; i < 300; i++) {
      Endpoint e = ENDPOINTS.get(i % ENDPOINTS.size());
      StringBuilder b = new StringBuilder(e.valid());
      int edits = 1 + random.nextInt(5);
      for (int k = 0; k < edits; k++) {
        int at = random.nextInt(b.length() + 1);
        switch (random.nextInt(4)) {
          case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> {
            if (at < b.length()) {
              b.deleteCharAt(at);
            }
          }
          case 2 -> b.insert(at, "[".repeat(1 + random.nextInt(3_000)));
          default -> {
            if (at < b.length()) {
              b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
          }
        }
      }
      String body = b.toString();
      Http.Answer a = send(e.method(), e.path(), body);
      assertTrue(a.status() < 500, () -> e.path() + " " + body + " -> " + a.status() + a.body());
      if (a.status() >= 400) {
        a.error(a.status());
      }
    }
  }
}
