package io.stratacache.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Http;
import io.stratacache.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** Health, OpenAPI, metrics and the error format for paths no resource serves. */
class PlatformIT extends ServerTest {

  @Test
  void health_reportsDemoData() {
    Http.Answer health = http.get("/health");
    assertEquals(200, health.status(), health.body());
    assertTrue(health.body().contains("demo-data"), health.body());
    assertEquals("small", http.awaitDemoData().getString("profile"));
  }

  @Test
  void openapi_documentsEveryEndpoint() {
    Http.Answer doc = http.get("/openapi");
    assertEquals(200, doc.status());
    for (String path :
        new String[] {
          "/api/v1/brands", "/api/v1/brands/{name}/stats", "/api/v1/reports/recent",
          "/api/v1/reports/{executionId}", "/api/v1/questions/popular", "/api/v1/users/{id}/stats",
          "/api/v1/stores", "/api/v1/stores/{id}/dashboard", "/api/v1/diagnosis"
        }) {
      assertTrue(doc.body().contains(path + ":"), () -> "OpenAPI lacks " + path);
    }
  }

  @Test
  void metrics_prometheusText() {
    http.awaitDemoData();
    http.get("/api/v1/brands?limit=1").ok();
    Http.Answer metrics = http.get("/metrics");
    assertEquals(200, metrics.status());
    assertTrue(metrics.body().contains("# TYPE"), "Prometheus exposition format");
  }

  @Test
  void serverLog_healthyStart_noStackTraces() throws java.io.IOException {
    http.awaitDemoData();
    java.nio.file.Path log = io.stratacache.testing.PayaraLog.file();
    java.util.List<String> lines = java.nio.file.Files.readAllLines(log);
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("Database: ")), "start-up log names the database");
    java.util.List<String> traces =
        lines.stream().filter(l -> l.matches("\\s+at [\\w$.]+\\(.*")).limit(5).toList();
    assertTrue(traces.isEmpty(), () -> "stack traces in " + log + ": " + traces);
  }

  @Test
  void unknownApiPath_jsonNotFound() {
    http.get("/api/v1/nothing-here").error(404);
  }

  @Test
  void wrongMethod_json405() {
    Http.Answer a =
        http.send(java.net.http.HttpRequest.newBuilder(http.uri("/api/v1/brands")).DELETE());
    a.error(405);
  }
}
