package io.stratacache.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.ServerTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache administration over HTTP in a real server: shapes, round trips, every refusal with its
 * status and body (and that it changed nothing), the admin token on every state-changing call, and
 * the cache gauges at {@code /metrics}. Each test uses its own keys.
 */
class CacheAdminIT extends ServerTest {

  /** The admin's {@code Authorization} value. */
  String admin() {
    return Auth.admin(base);
  }

  static final String CACHE = "brand-stats";

  /** The start-up warm-up loads brand-stats in the background: counters are compared after it. */
  @BeforeEach
  void ready() {
    http.awaitDemoData();
  }

  // ---- helpers

  Http.Answer post(String path, String json, String token) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json));
    if (token != null) {
      r.header("Authorization", token);
    }
    return http.send(r);
  }

  Http.Answer delete(String path, String token) {
    HttpRequest.Builder r = HttpRequest.newBuilder(http.uri(path)).DELETE();
    if (token != null) {
      r.header("Authorization", token);
    }
    return http.send(r);
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  Http.Answer set(String cache, String key, String valueJson) {
    return post(
        "/api/v1/cache/set",
        "{\"cache\":" + quote(cache) + ",\"key\":" + quote(key) + ",\"value\":" + valueJson + "}",
        admin());
  }

  Http.Answer setTagged(String key, String valueJson, String tag) {
    return post(
        "/api/v1/cache/set",
        "{\"cache\":\""
            + CACHE
            + "\",\"key\":"
            + quote(key)
            + ",\"value\":"
            + valueJson
            + ",\"ttlSeconds\":300,\"tags\":["
            + quote(tag)
            + "]}",
        admin());
  }

  JsonObject get(String cache, String key) {
    return post(
            "/api/v1/cache/get",
            "{\"cache\":" + quote(cache) + ",\"key\":" + quote(key) + "}",
            admin())
        .ok()
        .object();
  }

  void assertHolds(String cache, String key, String valueJson) {
    JsonObject found = get(cache, key);
    assertEquals("PRESENT", found.getString("state"), found::toString);
    assertEquals(new Http.Answer(200, null, valueJson).json(), found.get("value"));
  }

  void assertAbsent(String cache, String key) {
    JsonObject found = get(cache, key);
    assertEquals("ABSENT", found.getString("state"), found::toString);
    assertEquals(JsonValue.NULL, found.get("value"));
  }

  static String path(String key) {
    return "/api/v1/cache/" + CACHE + "/" + Http.segment(key);
  }

  // ---- round trips

  @Test
  void set_thenGet_sameJson() {
    JsonObject stored =
        setTagged("it:rt", "{\"a\": [1, \"x\", {\"b\": null}]}", "it-rt").ok().object();
    assertEquals(CACHE, stored.getString("cache"));
    assertEquals(300, stored.getInt("ttlSeconds"));
    JsonObject found = get(CACHE, "it:rt");
    assertEquals("json", found.getString("type"));
    assertEquals("it:rt", found.getString("key"));
    assertHolds(CACHE, "it:rt", "{\"a\":[1,\"x\",{\"b\":null}]}");
  }

  @Test
  void get_neverSet_absent() {
    assertAbsent(CACHE, "it:never-set");
  }

  @Test
  void deleteKey_removesOnlyThatKey_keysMayHoldSlashes() {
    set(CACHE, "it/del/1", "1").ok();
    set(CACHE, "it/del/2", "2").ok();
    JsonObject answer = delete(path("it/del/1"), admin()).ok().object();
    assertEquals("key", answer.getString("scope"));
    assertEquals("it/del/1", answer.getString("subject"));
    assertAbsent(CACHE, "it/del/1");
    assertHolds(CACHE, "it/del/2", "2");
  }

  @Test
  void invalidateByTag_andByPattern() {
    setTagged("it:tag:1", "1", "it-north").ok();
    setTagged("it:tag:2", "2", "it-south").ok();
    delete("/api/v1/cache/" + CACHE + "?tag=it-north", admin()).ok();
    assertAbsent(CACHE, "it:tag:1");
    assertHolds(CACHE, "it:tag:2", "2");

    set(CACHE, "it:pat:1", "1").ok();
    set(CACHE, "it:pat:2", "2").ok();
    set(CACHE, "it:other", "3").ok();
    JsonObject answer =
        delete("/api/v1/cache/" + CACHE + "?pattern=it:pat:*", admin()).ok().object();
    assertEquals("pattern", answer.getString("scope"));
    assertAbsent(CACHE, "it:pat:1");
    assertAbsent(CACHE, "it:pat:2");
    assertHolds(CACHE, "it:other", "3");
  }

  @Test
  void clear_oneCache_thenAll() {
    set("user-stats", "it:clear:1", "1").ok();
    set(CACHE, "it:clear:2", "2").ok();
    JsonObject one = delete("/api/v1/cache/clear?cache=user-stats", admin()).ok().object();
    assertEquals(1, one.getJsonArray("cleared").size());
    assertEquals("user-stats", one.getJsonArray("cleared").getString(0));
    assertAbsent("user-stats", "it:clear:1");
    assertHolds(CACHE, "it:clear:2", "2");
    JsonObject all = delete("/api/v1/cache/clear", admin()).ok().object();
    assertTrue(all.getJsonArray("cleared").size() >= 11, all::toString);
    assertAbsent(CACHE, "it:clear:2");
  }

  // ---- read-only views

  @Test
  void stats_shape_andHitsCount() {
    set(CACHE, "it:stats", "{\"n\":1}").ok();
    JsonObject before = stats(CACHE);
    get(CACHE, "it:stats");
    get(CACHE, "it:stats");
    get(CACHE, "it:stats-missing");
    JsonObject after = stats(CACHE);
    assertEquals(CACHE, after.getString("name"));
    for (String f :
        List.of(
            "requests",
            "hits",
            "misses",
            "hitRate",
            "puts",
            "evictions",
            "expirations",
            "loads",
            "totalLoadTimeNanos",
            "averageLoadMillis",
            "size",
            "bytes",
            "compressionRatio",
            "errors")) {
      assertTrue(after.containsKey(f), () -> "stats lack " + f + ": " + after);
    }
    assertEquals(3, after.getInt("requests") - before.getInt("requests"));
    assertEquals(2, after.getInt("hits") - before.getInt("hits"));
    assertEquals(1, after.getInt("misses") - before.getInt("misses"));
    List<String> tiers =
        after.getJsonArray("tiers").stream().map(t -> t.asJsonObject().getString("tier")).toList();
    assertEquals(List.of("near", "grid", "store"), tiers);
    JsonObject near = after.getJsonArray("tiers").getJsonObject(0);
    JsonObject nearBefore = before.getJsonArray("tiers").getJsonObject(0);
    assertEquals(2, near.getInt("hits") - nearBefore.getInt("hits"));
    for (String f :
        List.of(
            "requests",
            "hits",
            "misses",
            "hitRate",
            "puts",
            "evictions",
            "expirations",
            "size",
            "bytes",
            "compressionRatio",
            "errors")) {
      assertTrue(near.containsKey(f), () -> "tier stats lack " + f + ": " + near);
    }
    JsonObject all = http.get("/api/v1/cache/stats").ok().object();
    assertTrue(all.getJsonArray("caches").size() >= 11, "every declared cache");
  }

  JsonObject stats(String cache) {
    return http.get("/api/v1/cache/stats?cache=" + cache)
        .ok()
        .object()
        .getJsonArray("caches")
        .getJsonObject(0);
  }

  @Test
  void health_upPerCacheAndTier() {
    JsonObject health = http.get("/api/v1/cache/health").ok().object();
    assertEquals("UP", health.getString("status"), health::toString);
    JsonObject brand =
        health.getJsonArray("caches").stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("cache").equals(CACHE))
            .findFirst()
            .orElseThrow();
    assertEquals(3, brand.getJsonArray("tiers").size());
    assertEquals("UP", brand.getJsonArray("tiers").getJsonObject(1).getString("status"));
  }

  @Test
  void config_effectiveSettings_readableDurations() {
    JsonObject config = http.get("/api/v1/cache/config?cache=" + CACHE).ok().object();
    assertEquals(512, config.getInt("maxKeyLength"));
    assertEquals(1048576, config.getInt("maxValueBytes"));
    JsonObject c = config.getJsonArray("caches").getJsonObject(0);
    assertEquals(CACHE, c.getString("cache"));
    assertEquals("5m", c.getString("nearTtl"));
    assertEquals("30m", c.getString("gridTtl"));
    assertEquals(
        "2h", c.getString("storeTtl"), "cache.brand-stats.store.ttl in the shipped config");
    assertTrue(c.getBoolean("storeEnabled"));
    assertEquals("binary", c.getString("codec"));
  }

  @Test
  void benchmark_nearAndGridPhases_leavesApplicationCachesAlone() {
    set(CACHE, "it:bench-keep", "7").ok();
    JsonObject answer = post("/api/v1/cache/benchmark?iterations=300", "", admin()).ok().object();
    assertEquals(300, answer.getInt("iterations"));
    JsonObject near = answer.getJsonObject("nearHit");
    assertTrue(near.getJsonNumber("opsPerSecond").doubleValue() > 0);
    assertEquals(300, near.getInt("nearHits"), near::toString);
    JsonObject grid = answer.getJsonObject("gridHit");
    assertEquals(300, grid.getInt("gridHits"), grid::toString);
    assertTrue(
        grid.getJsonNumber("p99Micros").doubleValue()
            >= grid.getJsonNumber("p50Micros").doubleValue());
    assertHolds(CACHE, "it:bench-keep", "7");
    assertEquals(0, stats(CacheBenchmark.NEAR_CACHE).getInt("size"), "scratch cache cleared");
  }

  // ---- metrics

  @Test
  void metrics_cacheHitsTaggedByCacheAndTier() throws InterruptedException {
    set(CACHE, "it:metrics", "1").ok();
    get(CACHE, "it:metrics");
    Pattern line =
        Pattern.compile(
            "(?m)^stratacache_cache_hits_total\\{(?=[^}]*cache=\""
                + CACHE
                + "\")(?=[^}]*tier=\"near\")[^}]*\\}\\s+(\\S+)");
    Instant deadline = Instant.now().plusSeconds(10);
    String body = "";
    while (Instant.now().isBefore(deadline)) {
      Http.Answer metrics = http.get("/metrics");
      assertEquals(200, metrics.status());
      body = metrics.body();
      Matcher m = line.matcher(body);
      if (m.find() && Double.parseDouble(m.group(1)) > 0) {
        assertTrue(body.contains("stratacache_cache_load_time_seconds{"), "load time gauge");
        assertTrue(
            body.matches("(?s).*stratacache_cache_hit_rate\\{[^}]*tier=\"all\".*"),
            "whole-cache hit rate");
        assertFalse(body.contains("it:metrics"), "no metric per key");
        return;
      }
      Thread.sleep(300);
    }
    String sample =
        body.lines().filter(l -> l.contains("stratacache_cache_hits")).limit(5).toList().toString();
    throw new AssertionError(
        "no non-zero stratacache_cache_hits for " + CACHE + "/near; saw " + sample);
  }

  // ---- bad input

  @Test
  void unknownCache_404() {
    for (Http.Answer a :
        List.of(
            post("/api/v1/cache/get", "{\"cache\":\"nope\",\"key\":\"k\"}", admin()),
            set("nope", "k", "1"),
            delete("/api/v1/cache/nope/k", admin()),
            delete("/api/v1/cache/nope?tag=t", admin()),
            delete("/api/v1/cache/clear?cache=nope", admin()),
            http.get("/api/v1/cache/stats?cache=nope"),
            http.get("/api/v1/cache/config?cache=nope"))) {
      assertEquals("not_found", a.error(404).getString("error"));
    }
  }

  @Test
  void malformedJson_400() {
    for (String body : List.of("{", "{\"cache\": }", "not json", "")) {
      assertEquals(
          "malformed_json",
          post("/api/v1/cache/get", body, admin()).error(400).getString("error"),
          body);
      assertEquals(
          "malformed_json",
          post("/api/v1/cache/set", body, admin()).error(400).getString("error"),
          body);
    }
    assertEquals(
        "invalid_parameter",
        post("/api/v1/cache/set", "[1,2]", admin()).error(400).getString("error"));
  }

  @Test
  void missingOrEmptyKey_400() {
    post("/api/v1/cache/get", "{\"cache\":\"" + CACHE + "\"}", admin()).error(400);
    post("/api/v1/cache/get", "{\"cache\":\"" + CACHE + "\",\"key\":\"\"}", admin()).error(400);
    set(CACHE, "", "1").error(400);
    post("/api/v1/cache/set", "{\"cache\":\"" + CACHE + "\",\"value\":1}", admin()).error(400);
  }

  @Test
  void zeroOrNegativeTtl_400_previousValueStays() {
    set(CACHE, "it:ttl", "\"before\"").ok();
    for (String ttl : List.of("0", "-1", "1.5", "\"10\"")) {
      Http.Answer a =
          post(
              "/api/v1/cache/set",
              "{\"cache\":\""
                  + CACHE
                  + "\",\"key\":\"it:ttl\",\"value\":\"after\",\"ttlSeconds\":"
                  + ttl
                  + "}",
              admin());
      assertEquals("invalid_parameter", a.error(400).getString("error"), ttl);
    }
    assertHolds(CACHE, "it:ttl", "\"before\"");
  }

  @Test
  void keyOverLimit_413_nothingChanges() {
    String longKey = "k".repeat(513);
    JsonObject e = set(CACHE, longKey, "1").error(413);
    assertEquals("payload_too_large", e.getString("error"));
    assertTrue(e.getString("detail").contains("512"), e::toString);
    post("/api/v1/cache/get", "{\"cache\":\"" + CACHE + "\",\"key\":\"" + longKey + "\"}", admin())
        .error(413);
    delete(path(longKey), admin()).error(413);
    set(CACHE, "k".repeat(512), "1").ok();
    assertHolds(CACHE, "k".repeat(512), "1");
  }

  @Test
  void valueOverLimit_413_previousValueStays() {
    set(CACHE, "it:big", "\"small\"").ok();
    String big = "\"" + "x".repeat(1 << 20) + "\""; // 1 MiB + 2 bytes of JSON
    JsonObject e = set(CACHE, "it:big", big).error(413);
    assertEquals("payload_too_large", e.getString("error"));
    String huge = "\"" + "x".repeat(3 << 20) + "\""; // over the body bound: refused unparsed
    set(CACHE, "it:big", huge).error(413);
    assertHolds(CACHE, "it:big", "\"small\"");
  }

  @Test
  void benchmarkIterationsOutOfRange_400() {
    for (String n : List.of("0", "100001", "-3", "many")) {
      post("/api/v1/cache/benchmark?iterations=" + n, "", admin()).error(400);
    }
  }

  // ---- auth

  @Test
  void everyStateChangingCall_needsTheToken_andChangesNothingWithout() {
    set(CACHE, "it:auth", "\"kept\"").ok();
    setTagged("it:auth-tagged", "\"kept\"", "it-auth").ok();
    List<Function<String, Http.Answer>> calls =
        List.of(
            token ->
                post(
                    "/api/v1/cache/set",
                    "{\"cache\":\"" + CACHE + "\",\"key\":\"it:auth\",\"value\":\"changed\"}",
                    token),
            token -> delete(path("it:auth"), token),
            token -> delete("/api/v1/cache/" + CACHE + "?tag=it-auth", token),
            token -> delete("/api/v1/cache/" + CACHE + "?pattern=it:auth*", token),
            token -> delete("/api/v1/cache/clear?cache=" + CACHE, token),
            token -> delete("/api/v1/cache/clear", token),
            token -> post("/api/v1/cache/benchmark?iterations=1", "", token),
            // get reveals cached values, per-user ones included: administrators only.
            token ->
                post(
                    "/api/v1/cache/get",
                    "{\"cache\":\"" + CACHE + "\",\"key\":\"it:auth\"}",
                    token));
    for (Function<String, Http.Answer> call : calls) {
      assertEquals("unauthorized", call.apply(null).error(401).getString("error"));
      assertEquals("unauthorized", call.apply("Bearer wrong-token").error(401).getString("error"));
    }
    assertHolds(CACHE, "it:auth", "\"kept\"");
    assertHolds(CACHE, "it:auth-tagged", "\"kept\"");
  }
}
