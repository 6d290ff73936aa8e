package io.stratacache.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.demo.DemoRows;
import io.stratacache.testing.Auth;
import io.stratacache.testing.DemoDataApiTest;
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

  @Test
  void recent_limit_newestFirst() {
    JsonArray recent = http.get("/api/v1/reports/recent?limit=10").ok().array();
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
