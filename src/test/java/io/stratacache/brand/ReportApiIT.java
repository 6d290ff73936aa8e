package io.stratacache.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.demo.DemoRows;
import io.stratacache.testing.Auth;
import io.stratacache.testing.DemoDataApiTest;
import io.stratacache.testing.Http;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reports, popular questions and user statistics over HTTP. */
class ReportApiIT extends DemoDataApiTest {

  /** A new user with its own token, a new brand: what the write tests diagnose. */
  record Actor(long userId, String token, String brand) {}

  Actor actor() {
    String admin = Auth.admin(base);
    String username = BrandApiIT.unique("user");
    Http.Answer user =
        http.json(
            "POST",
            "/api/v1/users",
            "{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.org\"}",
            admin);
    assertEquals(201, user.status(), user.body());
    long id = user.object().getJsonNumber("id").longValue();
    String brand = BrandApiIT.unique("diag");
    assertEquals(
        201,
        http.json(
                "POST",
                "/api/v1/brands",
                "{\"name\":\"" + brand + "\",\"category\":\"Tea\"}",
                admin)
            .status());
    return new Actor(id, Auth.user(base, id), brand);
  }

  Http.Answer create(Actor a, String requestId) {
    return http.json(
        "POST",
        "/api/v1/reports",
        "{\"requestId\":\"" + requestId + "\",\"brand\":\"" + a.brand() + "\"}",
        a.token());
  }

  JsonObject userStats(Actor a) {
    return http.get("/api/v1/users/" + a.userId() + "/stats", a.token()).ok().object();
  }

  JsonObject brandStats(Actor a) {
    return http.get("/api/v1/brands/" + Http.segment(a.brand()) + "/stats").ok().object();
  }

  @Test
  void report_lifecycle_everyAffectedReadAnswersTheNewValue() {
    Actor a = actor();
    assertEquals(0, userStats(a).getJsonNumber("reportCount").longValue());
    assertEquals(0, brandStats(a).getJsonNumber("reportCount").longValue());
    http.get("/api/v1/reports/recent?limit=5").ok();
    String requestId = "req-" + System.nanoTime();

    Http.Answer made = create(a, requestId);
    assertEquals(201, made.status(), made.body());
    JsonObject report = made.object().getJsonObject("report");
    String id = report.getString("executionId");
    assertEquals("PENDING", report.getString("status"));
    assertEquals(a.userId(), report.getJsonNumber("userId").longValue());
    Http.Answer again = create(a, requestId);
    assertEquals(200, again.status(), "a retried POST answers the report it made: " + again.body());
    assertEquals(id, again.object().getJsonObject("report").getString("executionId"));
    assertEquals(1, userStats(a).getJsonNumber("reportCount").longValue(), "one report, not two");
    assertEquals(1, brandStats(a).getJsonNumber("reportCount").longValue());
    assertEquals(1, brandStats(a).getJsonObject("statusMix").getJsonNumber("PENDING").longValue());
    assertEquals(
        id,
        http.get("/api/v1/reports/recent?limit=5")
            .ok()
            .array()
            .getJsonObject(0)
            .getString("executionId"));
    assertEquals("PENDING", status(id));

    assertEquals(
        "RUNNING",
        http.json("POST", "/api/v1/reports/" + id + "/start", null, a.token())
            .ok()
            .object()
            .getJsonObject("report")
            .getString("status"));
    assertEquals("RUNNING", status(id));
    assertEquals(1, brandStats(a).getJsonObject("statusMix").getJsonNumber("RUNNING").longValue());
    http.json("POST", "/api/v1/reports/" + id + "/start", null, a.token()).error(409);

    JsonObject done =
        http.json(
                "POST",
                "/api/v1/reports/" + id + "/complete",
                "{\"score\":80,\"result\":{\"visibility\":80}}",
                a.token())
            .ok()
            .object();
    assertEquals("COMPLETED", done.getJsonObject("report").getString("status"));
    JsonObject detail = http.get("/api/v1/reports/" + id).ok().object();
    assertEquals(80, detail.getJsonObject("report").getInt("score"));
    assertEquals(80, detail.getJsonObject("result").getInt("visibility"));
    assertEquals(80.0, brandStats(a).getJsonNumber("averageScore").doubleValue(), 0.001);
    assertEquals(80.0, userStats(a).getJsonNumber("averageScore").doubleValue(), 0.001);
    assertEquals(
        "COMPLETED",
        http.get("/api/v1/reports/recent?limit=5&status=COMPLETED")
            .ok()
            .array()
            .getJsonObject(0)
            .getString("status"));
    http.json("POST", "/api/v1/reports/" + id + "/fail", null, a.token()).error(409);
    http.json(
            "POST",
            "/api/v1/reports/" + id + "/complete",
            "{\"score\":10,\"result\":{}}",
            Auth.admin(base))
        .error(409);
    assertEquals(
        80,
        http.get("/api/v1/reports/" + id).ok().object().getJsonObject("report").getInt("score"));

    Http.Answer second = create(a, "req-fail-" + System.nanoTime());
    String failing = second.object().getJsonObject("report").getString("executionId");
    http.json("POST", "/api/v1/reports/" + failing + "/fail", null, Auth.admin(base)).ok();
    assertEquals("FAILED", status(failing));
    assertEquals(1, userStats(a).getJsonObject("statusMix").getJsonNumber("FAILED").longValue());
  }

  @Test
  void report_badInput_refusedAndNothingChanged() {
    Actor a = actor();
    Actor other = actor();
    http.json("POST", "/api/v1/reports", "{\"requestId\":\"x\",", a.token()).error(400);
    http.json("POST", "/api/v1/reports", "{\"brand\":\"" + a.brand() + "\"}", a.token()).error(400);
    http.json(
            "POST",
            "/api/v1/reports",
            "{\"requestId\":\"r1\",\"brand\":\"" + BrandApiIT.unique("none") + "\"}",
            a.token())
        .error(404);
    http.json(
            "POST",
            "/api/v1/reports",
            "{\"requestId\":\"r2\",\"brand\":\"" + a.brand() + "\",\"userId\":999999999}",
            Auth.admin(base))
        .error(404);
    http.json(
            "POST",
            "/api/v1/reports",
            "{\"requestId\":\"r3\",\"brand\":\""
                + a.brand()
                + "\",\"userId\":"
                + other.userId()
                + "}",
            a.token())
        .error(403);
    http.json(
            "POST",
            "/api/v1/reports",
            "{\"requestId\":\"r4\",\"brand\":\"" + a.brand() + "\"}",
            null)
        .error(401);
    assertEquals(0, userStats(a).getJsonNumber("reportCount").longValue(), "nothing was created");
    assertEquals(0, brandStats(a).getJsonNumber("reportCount").longValue());

    String requestId = "dup-" + System.nanoTime();
    String id = create(a, requestId).object().getJsonObject("report").getString("executionId");
    http.json(
            "POST",
            "/api/v1/reports",
            "{\"requestId\":\"" + requestId + "\",\"brand\":\"" + other.brand() + "\"}",
            a.token())
        .error(409);
    assertEquals(0, brandStats(other).getJsonNumber("reportCount").longValue());

    http.json(
            "POST",
            "/api/v1/reports/" + id + "/complete",
            "{\"score\":50,\"result\":{}}",
            a.token())
        .error(409);
    http.json("POST", "/api/v1/reports/" + id + "/start", null, other.token()).error(403);
    http.json("POST", "/api/v1/reports/" + id + "/start", null, a.token()).ok();
    http.json(
            "POST",
            "/api/v1/reports/" + id + "/complete",
            "{\"score\":101,\"result\":{}}",
            a.token())
        .error(400);
    http.json("POST", "/api/v1/reports/" + id + "/complete", "{\"score\":50}", a.token())
        .error(400);
    http.json(
            "POST",
            "/api/v1/reports/" + id + "/complete",
            "{\"score\":50,\"result\":[]}",
            a.token())
        .error(400);
    assertEquals("RUNNING", status(id), "refusals changed nothing");
    http.json("POST", "/api/v1/reports/00000000-0000-4000-8000-000000000000/start", null, a.token())
        .error(404);
    http.json("POST", "/api/v1/reports/not-a-uuid/start", null, a.token()).error(400);
  }

  @Test
  void ask_newTextThenAgain_askCountGrowsInPopularQuestions() {
    String text = BrandApiIT.unique("question") + " how visible is my brand?";
    String user = Auth.user(base, 1);
    http.get("/api/v1/questions/popular?limit=1000").ok();
    JsonObject asked =
        http.json("POST", "/api/v1/questions", "{\"text\":\"" + text + "\"}", user).ok().object();
    assertEquals(1, asked.getJsonNumber("askCount").longValue());
    long id = asked.getJsonNumber("id").longValue();
    assertEquals(1, popularAskCount(id));
    http.json("POST", "/api/v1/questions", "{\"text\":\"" + text + "\"}", user).ok();
    JsonObject third =
        http.json("POST", "/api/v1/questions", "{\"questionId\":" + id + "}", user).ok().object();
    assertEquals(3, third.getJsonNumber("askCount").longValue());
    assertEquals(3, popularAskCount(id));

    http.json("POST", "/api/v1/questions", "{\"questionId\":" + id + ",\"text\":\"x\"}", user)
        .error(400);
    http.json("POST", "/api/v1/questions", "{}", user).error(400);
    http.json("POST", "/api/v1/questions", "{\"text\":", user).error(400);
    http.json("POST", "/api/v1/questions", "{\"questionId\":999999999}", user).error(404);
    http.json("POST", "/api/v1/questions", "{\"questionId\":" + id + "}", null).error(401);
    assertEquals(3, popularAskCount(id), "refusals changed nothing");
  }

  @Test
  void users_createAndUpdate_userStatsAnswerTheNewName() {
    Actor a = actor();
    String admin = Auth.admin(base);
    String path = "/api/v1/users/" + a.userId();
    String renamed = BrandApiIT.unique("renamed");
    assertTrue(userStats(a).getString("username").startsWith(BrandApiIT.WRITTEN));
    JsonObject own =
        http.json("PUT", path, "{\"username\":\"" + renamed + "\"}", a.token()).ok().object();
    assertEquals(renamed, own.getString("username"));
    assertEquals(renamed, userStats(a).getString("username"));
    http.json("PUT", path, "{\"email\":\"a@b.org\"}", Auth.user(base, 1)).error(403);
    http.json("PUT", path, "{\"email\":\"not an address\"}", a.token()).error(400);
    http.json("PUT", path, "{}", a.token()).error(400);
    http.json("PUT", path, "{\"username\":\"user00001\"}", a.token()).error(409);
    http.json("PUT", "/api/v1/users/999999999", "{\"email\":\"a@b.org\"}", admin).error(404);
    assertEquals(renamed, userStats(a).getString("username"), "refusals changed nothing");
    assertEquals(
        "admin@example.org",
        http.json("PUT", path, "{\"email\":\"admin@example.org\"}", admin)
            .ok()
            .object()
            .getString("email"));

    http.json("POST", "/api/v1/users", "{\"username\":\"user00001\",\"email\":\"a@b.org\"}", admin)
        .error(409);
    http.json("POST", "/api/v1/users", "{\"username\":\"x y\",\"email\":\"a@b.org\"}", admin)
        .error(400);
    http.json("POST", "/api/v1/users", "{\"username\":\"ok\",\"email\":\"a@b.org\"}", a.token())
        .error(403);
  }

  private String status(String executionId) {
    return http.get("/api/v1/reports/" + executionId)
        .ok()
        .object()
        .getJsonObject("report")
        .getString("status");
  }

  private long popularAskCount(long questionId) {
    return http.get("/api/v1/questions/popular?limit=1000").ok().array().stream()
        .map(JsonValue::asJsonObject)
        .filter(q -> q.getJsonNumber("id").longValue() == questionId)
        .mapToLong(q -> q.getJsonNumber("askCount").longValue())
        .findFirst()
        .orElse(-1);
  }

  @Test
  void recent_limit_newestFirst() {
    // Reports the write tests created are newer than the demo data's: leave them out.
    JsonArray recent =
        http.get("/api/v1/reports/recent?limit=60").ok().array().stream()
            .filter(v -> !v.asJsonObject().getString("brand").startsWith(BrandApiIT.WRITTEN))
            .limit(10)
            .collect(jakarta.json.Json::createArrayBuilder, (a, v) -> a.add(v), (a, b) -> {})
            .build();
    List<DemoRows.ReportRow> expected =
        demo.reports.stream()
            .sorted(
                Comparator.comparing(DemoRows.ReportRow::createdAt)
                    .thenComparing(DemoRows.ReportRow::id)
                    .reversed())
            .limit(10)
            .toList();
    assertEquals(10, recent.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(expected.get(i).executionId(), recent.getJsonObject(i).getString("executionId"));
    }
  }

  @Test
  void recent_statusFilter_onlyThatStatus() {
    JsonArray completed = http.get("/api/v1/reports/recent?limit=50&status=completed").ok().array();
    assertEquals(50, completed.size());
    for (JsonValue v : completed) {
      assertEquals("COMPLETED", v.asJsonObject().getString("status"));
      assertNotNull(v.asJsonObject().get("score"));
    }
    http.get("/api/v1/reports/recent?status=DONE").error(400);
  }

  @Test
  void report_byExecutionId_withResult() {
    DemoRows.ReportRow row =
        demo.reports.stream().filter(r -> r.status().equals("COMPLETED")).findFirst().orElseThrow();
    JsonObject detail = http.get("/api/v1/reports/" + row.executionId()).ok().object();
    assertEquals(row.executionId(), detail.getJsonObject("report").getString("executionId"));
    assertEquals(row.score().intValue(), detail.getJsonObject("report").getInt("score"));
    assertEquals(row.score().intValue(), detail.getJsonObject("result").getInt("visibility"));
  }

  @Test
  void report_unknownOrMalformedId_404or400() {
    http.get("/api/v1/reports/00000000-0000-4000-8000-000000000000").error(404);
    http.get("/api/v1/reports/not-a-uuid").error(400);
  }

  @Test
  void popularQuestions_mostAskedFirst() {
    JsonArray popular = http.get("/api/v1/questions/popular?limit=5").ok().array();
    List<DemoRows.QuestionRow> expected =
        demo.questions.stream()
            .sorted(
                Comparator.comparingLong(DemoRows.QuestionRow::askCount)
                    .reversed()
                    .thenComparing(DemoRows.QuestionRow::id))
            .limit(5)
            .toList();
    for (int i = 0; i < 5; i++) {
      assertEquals(expected.get(i).id(), popular.getJsonObject(i).getJsonNumber("id").longValue());
      assertEquals(
          expected.get(i).askCount(),
          popular.getJsonObject(i).getJsonNumber("askCount").longValue());
    }
    http.get("/api/v1/questions/popular?limit=1001").error(400);
  }

  @Test
  void userStats_knownUser_matchesDemoData() {
    JsonObject stats = http.get("/api/v1/users/1/stats", Auth.user(base, 1)).ok().object();
    long expected = demo.reports.stream().filter(r -> r.userId() == 1).count();
    assertEquals(expected, stats.getJsonNumber("reportCount").longValue());
    assertEquals("user00001", stats.getString("username"));
    assertTrue(stats.getJsonArray("topBrands").size() <= 5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "-1", "1.5"})
  void userStats_malformedId_400(String id) {
    http.get("/api/v1/users/" + id + "/stats", Auth.admin(base)).error(400);
  }

  @Test
  void userStats_unknownUser_404() {
    http.get("/api/v1/users/999999/stats", Auth.admin(base)).error(404);
  }
}
