package io.stratacache.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.monitoring.alert.AlertRules;
import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.ServerTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Monitoring in a real server: tagged cache metrics at {@code /metrics}, an alert opened by a low
 * hit rate and auto-resolved when it recovers, manual resolution, rule edits, bad input, the admin
 * token, the dashboard's fields and the health checks. Tests restore every rule they edit and never
 * rely on each other's order.
 */
class MonitoringIT extends ServerTest {

  /** The admin's {@code Authorization} value. */
  String admin() {
    return Auth.admin(base);
  }

  static final String CACHE = "brand-stats";
  static final String BASE = "/api/v1/cache/monitoring";

  @BeforeEach
  void setUp() {
    http.awaitDemoData();
  }

  // ---- helpers

  Http.Answer send(String method, String path, String json, String token) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
    if (token != null) {
      r.header("Authorization", token);
    }
    return http.send(r);
  }

  JsonObject evaluate() {
    return send("POST", BASE + "/alerts/evaluate", null, admin()).ok().object();
  }

  void peek(String key) {
    send(
            "POST",
            "/api/v1/cache/get",
            "{\"cache\":\"" + CACHE + "\",\"key\":\"" + key + "\"}",
            admin())
        .ok();
  }

  void set(String key) {
    send(
            "POST",
            "/api/v1/cache/set",
            "{\"cache\":\"" + CACHE + "\",\"key\":\"" + key + "\",\"value\":{\"v\":1}}",
            admin())
        .ok();
  }

  JsonObject rule(String name) {
    for (JsonValue v : http.get(BASE + "/rules").ok().object().getJsonArray("rules")) {
      if (v.asJsonObject().getString("name").equals(name)) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError("no rule " + name);
  }

  JsonObject editRule(String name, String json) {
    return send("PUT", BASE + "/rules/" + name, json, admin()).ok().object();
  }

  Optional<JsonObject> alert(String query, String rule, String cache) {
    for (JsonValue v : http.get(BASE + "/alerts" + query).ok().object().getJsonArray("alerts")) {
      JsonObject a = v.asJsonObject();
      if (a.getString("rule").equals(rule) && a.getString("cache").equals(cache)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  JsonObject cacheStats() {
    return http.get("/api/v1/cache/stats?cache=" + CACHE)
        .ok()
        .object()
        .getJsonArray("caches")
        .getJsonObject(0);
  }

  // ---- metrics

  @Test
  void metrics_taggedCountersWithNonZeroHits_latencyAndGauges() throws InterruptedException {
    set("it:mon-metrics");
    for (int i = 0; i < 5; i++) {
      peek("it:mon-metrics");
    }
    Pattern hits =
        Pattern.compile(
            "(?m)^stratacache_cache_hits_total\\{(?=[^}]*cache=\""
                + CACHE
                + "\")(?=[^}]*tier=\"near\")[^}]*\\}\\s+(\\S+)");
    Instant deadline = Instant.now().plusSeconds(15);
    String body = "";
    while (Instant.now().isBefore(deadline)) {
      body = http.get("/metrics").ok().body();
      Matcher m = hits.matcher(body);
      if (m.find() && Double.parseDouble(m.group(1)) >= 5) {
        assertTrue(body.contains("# TYPE stratacache_cache_hits_total counter"), "a real counter");
        for (String family :
            List.of(
                "stratacache_cache_requests_total{",
                "stratacache_cache_misses_total{",
                "stratacache_cache_puts_total{",
                "stratacache_cache_evictions_total{",
                "stratacache_cache_expirations_total{",
                "stratacache_cache_loads_total{",
                "stratacache_cache_errors_total{",
                "stratacache_cache_size{",
                "stratacache_cache_bytes{",
                "stratacache_cache_compression_ratio{",
                "stratacache_cache_hit_rate{",
                "stratacache_cache_breaker_state{",
                "stratacache_cache_staleness_seconds{",
                "stratacache_cache_get_seconds{",
                "stratacache_cache_get_seconds_count{",
                "stratacache_cache_put_seconds_sum{",
                "stratacache_cache_load_seconds_max{")) {
          assertTrue(body.contains(family), family);
        }
        Matcher count =
            Pattern.compile(
                    "(?m)^stratacache_cache_get_seconds_count\\{[^}]*cache=\""
                        + CACHE
                        + "\"[^}]*\\}\\s+(\\S+)")
                .matcher(body);
        assertTrue(count.find() && Double.parseDouble(count.group(1)) >= 5, "gets timed");
        assertTrue(
            body.matches("(?s).*stratacache_cache_breaker_state\\{[^}]*tier=\"grid\"[^}]*\\} 0.*"),
            "grid breaker closed");
        assertFalse(body.contains("it:mon-metrics"), "no metric per key");
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "no stratacache_cache_hits_total >= 5 for "
            + CACHE
            + "/near; saw "
            + body.lines().filter(l -> l.contains("hits_total")).limit(5).toList());
  }

  // ---- alerts

  @Test
  void lowHitRate_opensAlert_recoveryAutoResolvesIt() {
    for (int i = 0; i < 300; i++) {
      peek("it:mon-miss-" + i);
    }
    JsonObject outcome = evaluate();
    assertTrue(outcome.containsKey("opened") && outcome.containsKey("resolved"), outcome::toString);
    assertTrue(outcome.getInt("active") >= 1, outcome::toString);
    JsonObject open =
        alert("?state=ACTIVE", AlertRules.HIT_RATE_LOW, CACHE)
            .orElseThrow(() -> new AssertionError("no active hit_rate_low alert for " + CACHE));
    assertEquals("HIGH", open.getString("severity"));
    assertEquals("ACTIVE", open.getString("state"));
    assertTrue(open.getJsonNumber("value").doubleValue() < 0.7, open::toString);
    assertEquals(0.7, open.getJsonNumber("threshold").doubleValue(), 1e-9);
    assertTrue(open.getString("message").startsWith("hit rate "), open::toString);
    assertEquals(JsonValue.NULL, open.get("resolvedAt"));
    assertTrue(
        alert("?severity=CRITICAL", AlertRules.HIT_RATE_CRITICAL, CACHE).isPresent(),
        "below 50% also opens the CRITICAL rule");
    evaluate(); // still true: must not open a duplicate
    assertEquals(
        1,
        http.get(BASE + "/alerts?state=ACTIVE").ok().object().getJsonArray("alerts").stream()
            .map(JsonValue::asJsonObject)
            .filter(
                a ->
                    a.getString("rule").equals(AlertRules.HIT_RATE_LOW)
                        && a.getString("cache").equals(CACHE))
            .count(),
        "one active alert per rule and cache");

    JsonObject dashboard = http.get("/api/v1/cache/dashboard").ok().object();
    assertTrue(
        dashboard.getJsonArray("alerts").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(
                a -> a.getJsonNumber("id").longValue() == open.getJsonNumber("id").longValue()),
        "the dashboard lists the active alert");

    // recovery: three hits for every miss since start lifts any window's hit rate to 75 % or more
    set("it:mon-hot");
    long misses = cacheStats().getJsonNumber("misses").longValue();
    for (long i = 0; i < 3 * misses + 20; i++) {
      peek("it:mon-hot");
    }
    evaluate();
    JsonObject closed =
        alert("?state=AUTO_RESOLVED", AlertRules.HIT_RATE_LOW, CACHE)
            .filter(a -> a.getJsonNumber("id").longValue() == open.getJsonNumber("id").longValue())
            .orElseThrow(() -> new AssertionError("alert " + open + " not auto-resolved"));
    assertTrue(closed.getString("resolvedAt").compareTo(closed.getString("openedAt")) >= 0);
    assertTrue(alert("?state=ACTIVE", AlertRules.HIT_RATE_LOW, CACHE).isEmpty());
  }

  @Test
  void manualResolve_resolvedOnce_thenConflict() {
    String original = rule(AlertRules.MISSES_HIGH).toString();
    try {
      peek("it:mon-resolve-miss");
      editRule(AlertRules.MISSES_HIGH, "{\"threshold\":0,\"severity\":\"LOW\"}");
      evaluate();
      JsonObject open =
          alert("?state=ACTIVE&severity=low", AlertRules.MISSES_HIGH, CACHE)
              .orElseThrow(() -> new AssertionError("no misses_high alert"));
      long id = open.getJsonNumber("id").longValue();
      JsonObject resolved =
          send("POST", BASE + "/alerts/resolve", "{\"id\":" + id + "}", admin()).ok().object();
      assertEquals("RESOLVED", resolved.getString("state"));
      assertEquals(id, resolved.getJsonNumber("id").longValue());
      assertTrue(alert("?state=RESOLVED", AlertRules.MISSES_HIGH, CACHE).isPresent());
      send("POST", BASE + "/alerts/resolve", "{\"id\":" + id + "}", admin()).error(409);
      send("POST", BASE + "/alerts/resolve", "{\"id\":999999999}", admin()).error(404);
      send("POST", BASE + "/alerts/resolve", "{\"id\":\"x\"}", admin()).error(400);
      send("POST", BASE + "/alerts/resolve", "{\"id\":", admin()).error(400);
    } finally {
      editRule(AlertRules.MISSES_HIGH, "{\"threshold\":1000,\"severity\":\"MEDIUM\"}");
      evaluate();
    }
    assertEquals(original, rule(AlertRules.MISSES_HIGH).toString());
    assertTrue(alert("?state=ACTIVE", AlertRules.MISSES_HIGH, CACHE).isEmpty());
  }

  // ---- rules

  @Test
  void rules_defaults_edit_andBadInputChangesNothing() {
    JsonObject rules = http.get(BASE + "/rules").ok().object();
    assertTrue(rules.getInt("minRequests") >= 1);
    Set<String> names =
        Set.of(
            "hit_rate_low",
            "hit_rate_critical",
            "near_bytes_high",
            "read_latency_high",
            "write_latency_high",
            "misses_high",
            "warmup_failed",
            "tier_degraded",
            "ai_breaker_open");
    assertEquals(
        names,
        Set.copyOf(
            rules.getJsonArray("rules").stream()
                .map(v -> v.asJsonObject().getString("name"))
                .toList()));
    assertEquals(0.5, rule("hit_rate_critical").getJsonNumber("threshold").doubleValue(), 1e-9);
    assertEquals("CRITICAL", rule("hit_rate_critical").getString("severity"));
    assertEquals(104857600, rule("near_bytes_high").getJsonNumber("threshold").doubleValue(), 1e-3);

    String before = rule("write_latency_high").toString();
    try {
      JsonObject edited =
          editRule(
              "write_latency_high",
              "{\"threshold\":250.5,\"windowSeconds\":600,\"severity\":\"CRITICAL\",\"enabled\":false}");
      assertEquals(250.5, edited.getJsonNumber("threshold").doubleValue(), 1e-9);
      JsonObject now = rule("write_latency_high");
      assertEquals(600, now.getInt("windowSeconds"));
      assertEquals("CRITICAL", now.getString("severity"));
      assertFalse(now.getBoolean("enabled"));
      String edited2 = now.toString();

      send("PUT", BASE + "/rules/no_such_rule", "{\"threshold\":1}", admin()).error(404);
      send("PUT", BASE + "/rules/write_latency_high", "{\"threshold\":\"high\"}", admin())
          .error(400);
      send("PUT", BASE + "/rules/write_latency_high", "{\"threshold\":-5}", admin()).error(400);
      send("PUT", BASE + "/rules/write_latency_high", "{\"windowSeconds\":5}", admin()).error(400);
      send("PUT", BASE + "/rules/write_latency_high", "{\"severity\":\"URGENT\"}", admin())
          .error(400);
      send("PUT", BASE + "/rules/write_latency_high", "{\"enabled\":\"no\"}", admin()).error(400);
      send("PUT", BASE + "/rules/write_latency_high", "{\"threshold\":1,\"bogus\":1}", admin())
          .error(400);
      send("PUT", BASE + "/rules/write_latency_high", "[1]", admin()).error(400);
      send("PUT", BASE + "/rules/hit_rate_low", "{\"threshold\":70}", admin()).error(400);
      assertEquals(edited2, rule("write_latency_high").toString(), "bad input changed nothing");
    } finally {
      editRule(
          "write_latency_high",
          "{\"threshold\":200,\"windowSeconds\":300,\"severity\":\"HIGH\",\"enabled\":true}");
    }
    assertEquals(before, rule("write_latency_high").toString());

    http.get(BASE + "/alerts?state=OPEN").error(400);
    http.get(BASE + "/alerts?severity=SEVERE").error(400);
    http.get(BASE + "/alerts?state=auto_resolved&severity=high").ok();
  }

  @Test
  void adminToken_requiredForEveryChange() {
    String before = rule("misses_high").toString();
    send("POST", BASE + "/alerts/evaluate", null, null).error(401);
    send("POST", BASE + "/alerts/evaluate", null, "Bearer wrong-token").error(401);
    send("PUT", BASE + "/rules/misses_high", "{\"threshold\":1}", null).error(401);
    send("PUT", BASE + "/rules/misses_high", "{\"threshold\":1}", "Bearer wrong-token").error(401);
    send("POST", BASE + "/alerts/resolve", "{\"id\":1}", null).error(401);
    assertEquals(before, rule("misses_high").toString(), "a refused edit changed nothing");
    http.get(BASE + "/alerts").ok();
    http.get(BASE + "/rules").ok();
    http.get(BASE + "/suggestions").ok();
    http.get("/api/v1/cache/dashboard").ok();
  }

  // ---- dashboard and health

  @Test
  void dashboard_hasEveryField() {
    set("it:mon-dash");
    peek("it:mon-dash");
    JsonObject d = http.get("/api/v1/cache/dashboard").ok().object();
    // The figures come from snapshots up to a second old, and one read in 16 (drawn at random) is
    // timed: read more until a hit and a timed read show, at most 40 rounds of 16 reads.
    for (int i = 0;
        i < 40
            && (cacheView(d).getJsonNumber("hits").longValue() < 1
                || cacheView(d).getJsonNumber("getP99Millis").doubleValue() <= 0);
        i++) {
      for (int j = 0; j < 16; j++) {
        peek("it:mon-dash");
      }
      sleep(200);
      d = http.get("/api/v1/cache/dashboard").ok().object();
    }
    for (String k :
        List.of(
            "generatedAt",
            "instance",
            "health",
            "caches",
            "alerts",
            "warmup",
            "suggestions",
            "trend")) {
      assertTrue(d.containsKey(k), k);
    }
    JsonObject health = d.getJsonObject("health");
    int score = health.getInt("score");
    assertTrue(score >= 0 && score <= 100, health::toString);
    assertTrue(Set.of("HEALTHY", "WARNING", "CRITICAL").contains(health.getString("status")));
    assertTrue(health.getString("method").contains("hit rate"));
    for (String k : List.of("hitRate", "tiers", "alerts", "latency")) {
      assertTrue(health.getJsonObject("components").containsKey(k), k);
    }
    JsonObject cache = cacheView(d);
    for (String k :
        List.of(
            "requests",
            "hits",
            "misses",
            "hitRate",
            "getP50Millis",
            "getP99Millis",
            "loadAvgMillis",
            "entries",
            "bytes",
            "evictions",
            "expirations")) {
      assertTrue(cache.containsKey(k), k);
    }
    assertTrue(cache.getJsonNumber("hits").longValue() >= 1);
    assertTrue(cache.getJsonNumber("getP99Millis").doubleValue() > 0, cache::toString);
    assertEquals(
        Set.of("near", "grid", "store"),
        Set.copyOf(
            cache.getJsonArray("tiers").stream()
                .map(t -> t.asJsonObject().getString("tier"))
                .toList()));
    assertEquals("UP", cache.getJsonArray("tiers").getJsonObject(0).getString("status"));
    JsonObject warmup = d.getJsonObject("warmup");
    assertFalse(warmup.getBoolean("running"), "the start-up warm-up finished");
    JsonObject run = warmup.getJsonArray("recentRuns").getJsonObject(0);
    assertEquals("startup", run.getString("trigger"));
    assertTrue(run.getInt("tasksTotal") > 0);
    JsonObject now = d.getJsonArray("trend").getJsonObject(d.getJsonArray("trend").size() - 1);
    assertEquals("all", now.getString("cache"));
    assertTrue(now.getJsonNumber("requests").longValue() > 0);

    JsonObject suggestions = http.get(BASE + "/suggestions").ok().object();
    assertTrue(suggestions.containsKey("suggestions"));
  }

  /**
   * The dashboard page loads the AI panel's script and table, and the panel's data answers without
   * a token with every figure the panel shows (the mock answers on this server).
   */
  @Test
  void dashboard_aiPanel_pageAndOpenData() {
    String page = http.get("/dashboard/").ok().body();
    assertTrue(page.contains("<script src=\"ai.js\""), "the page loads ai.js");
    assertTrue(page.contains("id=\"ai-figures\"") && page.contains("id=\"ai-breaker\""));
    String script = http.get("/dashboard/ai.js").ok().body();
    assertTrue(script.contains("../api/ai/dashboard"), "the panel reads /api/ai/dashboard");
    send(
            "POST",
            "/api/ai/generate",
            "{\"template_id\":\"brand_diagnosis\",\"section_id\":\"summary\",\"data\":{\"brand\":\""
                + http.get("/api/v1/brands?limit=1").ok().array().getJsonObject(0).getString("name")
                + "\"}}",
            admin())
        .ok();
    JsonObject ai = http.get("/api/ai/dashboard").ok().object();
    assertEquals("cluster", ai.getString("scope"), ai::toString);
    for (String scope : List.of("stats", "instance")) {
      JsonObject s = ai.getJsonObject(scope);
      for (String k :
          List.of(
              "total_requests",
              "hit_rate",
              "upstream_calls",
              "retries",
              "upstream_latency_avg_ms",
              "tokens_spent",
              "tokens_saved")) {
        assertTrue(s.containsKey(k), scope + "." + k + " in " + ai);
      }
      assertTrue(s.getJsonNumber("total_requests").longValue() >= 1, ai::toString);
    }
    JsonObject breaker = ai.getJsonObject("breaker");
    assertTrue(breaker.getBoolean("mock"), ai::toString);
    assertFalse(breaker.getBoolean("open"), ai::toString);
  }

  @Test
  void dashboard_startupWarmupCountedApartFromClientTraffic() {
    JsonObject before = localStats("brand-stats");
    long warmup = before.getJsonNumber("warmupRequests").longValue();
    assertTrue(warmup > 0, "the start-up warm-up's lookups are its own figure: " + before);
    long requests = before.getJsonNumber("requests").longValue();
    long hits = before.getJsonNumber("hits").longValue();
    List<String> top = new java.util.ArrayList<>();
    for (JsonValue b : http.get("/api/v1/brands?limit=7").ok().array()) {
      top.add(b.asJsonObject().getString("name"));
    }
    long unique = System.nanoTime(); // a query of its own: past the HTTP response cache
    for (String name : top) {
      http.get("/api/v1/brands/" + Http.segment(name) + "/stats?it=" + unique).ok();
    }
    JsonObject after = localStats("brand-stats");
    assertEquals(
        requests + top.size(), after.getJsonNumber("requests").longValue(), after::toString);
    assertEquals(
        hits + top.size(), after.getJsonNumber("hits").longValue(), "the warmed stats were hits");
    assertEquals(
        warmup, after.getJsonNumber("warmupRequests").longValue(), "clients are not warm-up");

    JsonObject d = http.get("/api/v1/cache/dashboard").ok().object();
    assertEquals("cluster", d.getString("scope"));
    JsonObject me = d.getJsonArray("members").getJsonObject(0);
    assertTrue(me.getBoolean("local"));
    assertTrue(me.getJsonNumber("warmupRequests").longValue() >= warmup, me::toString);
    JsonObject view =
        d.getJsonArray("caches").stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("name").equals("brand-stats"))
            .findFirst()
            .orElseThrow();
    assertTrue(view.getJsonNumber("warmupRequests").longValue() >= warmup, view::toString);
  }

  JsonObject localStats(String cache) {
    return http.get("/api/v1/cache/stats?scope=local&cache=" + cache)
        .ok()
        .object()
        .getJsonArray("caches")
        .getJsonObject(0);
  }

  static JsonObject cacheView(JsonObject dashboard) {
    return dashboard.getJsonArray("caches").stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> c.getString("name").equals(CACHE))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + CACHE + " in " + dashboard));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void health_liveIsOneConstantCheck() {
    JsonObject h = http.get("/health/live").ok().object();
    assertEquals("UP", h.getString("status"));
    assertEquals(1, h.getJsonArray("checks").size(), h.toString());
    assertEquals("UP", check(h, "alive").getString("status"));
  }

  @Test
  void health_ready_reportsTiersAndWarmup() {
    for (String path : List.of("/health/ready")) {
      JsonObject h = http.get(path).ok().object();
      JsonObject tiers = check(h, "cache-tiers");
      assertEquals("UP", tiers.getString("status"));
      JsonObject data = tiers.getJsonObject("data");
      assertEquals("UP", data.getString("near"), path);
      assertEquals("UP", data.getString("grid"), path);
      assertEquals("UP", data.getString("store"), path);
      JsonObject warm = check(h, "cache-warmup").getJsonObject("data");
      assertEquals("false", warm.get("running").toString().replace("\"", ""), path);
      assertTrue(Set.of("SUCCEEDED", "PARTIAL").contains(warm.getString("lastRun")), path);
    }
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
  }
}
