package io.stratacache.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.ServerTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Warm-up in a real server: the start-up run makes the first requests for the top brands' stats and
 * the recent reports cache hits; runs on demand, their status and history; admin auth; bad input.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarmupIT extends ServerTest {

  /** The admin's {@code Authorization} value. */
  String admin() {
    return Auth.admin(base);
  }

  @BeforeEach
  void ready() {
    http.awaitDemoData(); // and the start-up warm-up
  }

  long loads(String cache) {
    JsonObject answer = http.get("/api/v1/cache/stats?cache=" + cache).ok().object();
    return answer.getJsonArray("caches").getJsonObject(0).getJsonNumber("loads").longValue();
  }

  Http.Answer post(String path, String body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", token);
    }
    return http.send(b);
  }

  JsonObject awaitIdle() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      JsonObject s = http.get("/api/v1/cache/warmup/status").ok().object();
      if (!s.getBoolean("running")) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("warm-up still running after 60 s");
  }

  long keysDone() {
    JsonObject s = http.get("/api/v1/cache/warmup/status").ok().object();
    return s.getJsonNumber("keysWarmed").longValue() + s.getJsonNumber("keysFailed").longValue();
  }

  @Test
  @Order(1)
  void startup_firstRequestsForTopBrandStatsAndRecentReports_areHits() {
    JsonObject status = http.get("/api/v1/cache/warmup/status").ok().object();
    assertEquals("DONE", status.getString("startup"), status.toString());
    JsonObject last = status.getJsonObject("lastRun");
    assertEquals("startup", last.getString("trigger"));
    assertEquals(8, last.getInt("tasksTotal"), last.toString());
    assertEquals(0, last.getInt("tasksFailed"), last.toString());
    JsonObject store =
        last.getJsonArray("tasks").stream()
            .map(JsonValue::asJsonObject)
            .filter(t -> t.getString("name").equals("store_hierarchy"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        store
            .getString("detail", "")
            .matches("global \\d+ ms, 10 stores, \\d+ entries; hot .*; cold .*"),
        "the staged warm-up's stages are in the history: " + store);
    assertTrue(last.getJsonNumber("entriesWarmed").longValue() > 20, last.toString());

    long brandStats = loads("brand-stats");
    long recent = loads("recent-reports");
    List<String> top = new ArrayList<>();
    for (JsonValue b : http.get("/api/v1/brands?limit=20").ok().array()) {
      top.add(b.asJsonObject().getString("name"));
    }
    assertFalse(top.isEmpty());
    for (String name : top) {
      http.get("/api/v1/brands/" + Http.segment(name) + "/stats").ok();
    }
    http.get("/api/v1/reports/recent").ok();
    http.get("/api/v1/reports/recent?status=COMPLETED").ok();
    http.get("/api/v1/questions/popular").ok();
    assertEquals(brandStats, loads("brand-stats"), "every top brand's stats were warm");
    assertEquals(recent, loads("recent-reports"), "the recent reports were warm");
  }

  @Test
  @Order(2)
  void status_listsTasksInPriorityOrder_andTheCronSchedule() {
    JsonObject s = http.get("/api/v1/cache/warmup/status").ok().object();
    List<String> names =
        s.getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("name")).toList();
    assertEquals(
        List.of(
            "popular_brands",
            "recent_reports",
            "popular_questions",
            "user_stats",
            "api_responses",
            "store_hierarchy",
            "traffic_based",
            "predictive"),
        names);
    assertTrue(s.getBoolean("enabled"));
    assertNotNull(s.getString("nextCron", null), "the WARMUP_SCHEDULE timer exists: " + s);
  }

  @Test
  @Order(3)
  void execute_runsInTheBackground_andIsRecorded() throws Exception {
    Http.Answer a =
        post(
            "/api/v1/cache/warmup/execute",
            "{\"tasks\":[\"user_stats\",\"popular_questions\"],\"concurrent\":false}",
            admin());
    assertEquals(202, a.status(), a.body());
    String runId = a.object().getString("runId");
    JsonObject s = awaitIdle();
    JsonObject last = s.getJsonObject("lastRun");
    assertEquals(runId, last.getString("id"));
    assertEquals("manual", last.getString("trigger"));
    assertEquals(
        List.of("popular_questions", "user_stats"),
        last.getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("name")).toList(),
        "started in WARMUP_PRIORITY order");
    assertEquals(100.0, last.getJsonNumber("successRate").doubleValue());

    JsonObject history = http.get("/api/v1/cache/warmup/stats").ok().object();
    List<String> ids =
        history.getJsonArray("runs").stream().map(r -> r.asJsonObject().getString("id")).toList();
    assertEquals(runId, ids.get(0), "the newest run first: " + history);
    assertTrue(ids.contains(status0StartupId(history)), "the start-up run is in the history");
  }

  private static String status0StartupId(JsonObject history) {
    return history.getJsonArray("runs").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> r.getString("trigger").equals("startup"))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  @Test
  @Order(4)
  void schedule_warmsKeysInTheBackground() throws Exception {
    String brand =
        http.get("/api/v1/brands?limit=200").ok().array().stream()
            .map(b -> b.asJsonObject().getString("name"))
            .reduce((x, y) -> y)
            .orElseThrow();
    long before = loads("brand-stats");
    long done = keysDone();
    Http.Answer a =
        post(
            "/api/v1/cache/warmup/schedule",
            "{\"cache\":\"brand-stats\",\"keys\":[\""
                + brand
                + "\"],\"priority\":5,\"ttlSeconds\":600}",
            admin());
    assertEquals(202, a.status(), a.body());
    assertEquals(1, a.object().getInt("queued"));
    // pendingKeys leaves out the batch in flight: wait until the key is counted warmed or failed
    Instant deadline = Instant.now().plusSeconds(30);
    while (keysDone() == done && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertEquals(done + 1, keysDone(), "the scheduled key was warmed");
    long after = loads("brand-stats");
    assertTrue(after <= before + 1, "at most one load for the key");
    http.get("/api/v1/brands/" + Http.segment(brand) + "/stats").ok();
    assertEquals(after, loads("brand-stats"), "the scheduled key is warm");
  }

  @Test
  @Order(5)
  void adminCalls_needTheToken() {
    assertEquals(401, post("/api/v1/cache/warmup/execute", "{}", null).status());
    assertEquals(401, post("/api/v1/cache/warmup/execute", "{}", "Bearer wrong").status());
    assertEquals(
        401,
        post("/api/v1/cache/warmup/schedule", "{\"cache\":\"brand-stats\",\"keys\":[\"x\"]}", null)
            .status());
    assertEquals(401, post("/api/v1/cache/warmup/user/1", "", null).status());
    assertEquals(200, http.get("/api/v1/cache/warmup/status").status());
  }

  @Test
  @Order(6)
  void user_warmsOne_unknownIs404_malformedIs400() {
    long before = loads("user-stats");
    Http.Answer a = post("/api/v1/cache/warmup/user/2", "", admin());
    assertEquals(200, a.status(), a.body());
    assertTrue(loads("user-stats") <= before + 1);
    long after = loads("user-stats");
    http.get("/api/v1/users/2/stats", Auth.user(base, 2)).ok();
    assertEquals(after, loads("user-stats"), "user 2 is warm");
    assertEquals(404, post("/api/v1/cache/warmup/user/99999999", "", admin()).status());
    assertEquals(400, post("/api/v1/cache/warmup/user/abc", "", admin()).status());
  }

  @Test
  @Order(7)
  void badInput_400_listingValidNames() {
    JsonObject e = post("/api/v1/cache/warmup/execute", "{\"tasks\":[\"nope\"]}", admin()).object();
    assertTrue(e.getString("detail").contains("popular_brands"), e.toString());
    assertEquals(
        400, post("/api/v1/cache/warmup/execute", "{\"tasks\":[\"nope\"]}", admin()).status());
    assertEquals(400, post("/api/v1/cache/warmup/execute", "{", admin()).status());
    assertEquals(400, post("/api/v1/cache/warmup/execute", "[1]", admin()).status());
    assertEquals(
        400, post("/api/v1/cache/warmup/execute", "{\"concurrent\":\"yes\"}", admin()).status());
    Http.Answer c =
        post("/api/v1/cache/warmup/schedule", "{\"cache\":\"nope\",\"keys\":[\"a\"]}", admin());
    assertEquals(400, c.status());
    assertTrue(c.object().getString("detail").contains("brand-stats"), c.body());
    assertEquals(
        400,
        post("/api/v1/cache/warmup/schedule", "{\"cache\":\"brand-stats\",\"keys\":[]}", admin())
            .status());
    assertEquals(
        400,
        post(
                "/api/v1/cache/warmup/schedule",
                "{\"cache\":\"user-stats\",\"keys\":[\"x\"]}",
                admin())
            .status());
    assertEquals(400, http.get("/api/v1/cache/warmup/stats?limit=0").status());
  }

  @Test
  @Order(8)
  void trafficBased_hotKeyDroppedFromTheCache_reloadedByTheTask() throws Exception {
    String brand =
        http.get("/api/v1/brands?limit=200").ok().array().stream()
            .map(b -> b.asJsonObject().getString("name"))
            .reduce((x, y) -> y)
            .orElseThrow();
    for (int i = 0; i < 50; i++) {
      http.get("/api/v1/brands/" + Http.segment(brand) + "/stats").ok();
    }
    JsonObject hot = http.get("/api/v1/cache/warmup/hot-keys?limit=3").ok().object();
    List<String> top =
        hot.getJsonObject("caches").getJsonArray("brand-stats").stream()
            .map(k -> k.asJsonObject().getString("key"))
            .toList();
    assertEquals(brand, top.get(0), hot.toString());

    Http.Answer dropped =
        http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/cache/brand-stats/" + Http.segment(brand)))
                .header("Authorization", admin())
                .DELETE());
    assertTrue(dropped.status() < 300, dropped.body());
    long before = loads("brand-stats");
    Http.Answer a =
        post("/api/v1/cache/warmup/execute", "{\"tasks\":[\"traffic_based\"]}", admin());
    assertEquals(202, a.status(), a.body());
    JsonObject last = awaitIdle().getJsonObject("lastRun");
    assertEquals(0, last.getInt("tasksFailed"), last.toString());
    assertTrue(last.getJsonNumber("entriesWarmed").longValue() >= 1, last.toString());
    long after = loads("brand-stats");
    assertEquals(before + 1, after, "the dropped hot key was loaded again");
    http.get("/api/v1/brands/" + Http.segment(brand) + "/stats").ok();
    assertEquals(after, loads("brand-stats"), "and the next request is a hit");
  }
}
