package io.stratacache.cache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real Payara Micro instances on loopback with a one-minute warm-up interval: each scheduled
 * tick runs on one instance only, the other logs that it skipped it, and the shared history holds
 * one run per tick; a run asked of one instance while the other runs one is refused with 409.
 */
class WarmupTickClusterIT {

  private static final Pattern TICK =
      Pattern.compile("Warm-up tick (interval:\\S+) (runs as (\\S+)|skipped: claimed by)");

  static ClusterNodes nodes;

  @BeforeAll
  static void startCluster() {
    nodes =
        ClusterNodes.start(
            "warmuptick",
            Map.of(
                "WARMUP_INTERVAL_MINUTES", "1",
                "SCHEDULED_WARMUP_ENABLED", "true",
                "AUTO_WARMUP_ON_STARTUP", "false"));
  }

  @AfterAll
  static void stopCluster() {
    if (nodes != null) {
      nodes.close();
    }
  }

  /** Tick id → "runs as <run id>" or "skipped", as one instance's log tells. */
  private static Map<String, String> ticks(Path log) throws IOException {
    Map<String, String> ticks = new LinkedHashMap<>();
    if (!Files.exists(log)) {
      return ticks;
    }
    Matcher m = TICK.matcher(Files.readString(log, StandardCharsets.UTF_8));
    while (m.find()) {
      ticks.put(m.group(1), m.group(3) != null ? m.group(3) : "skipped");
    }
    return ticks;
  }

  @Test
  void intervalTick_runsOnOneInstance_theOtherLogsItSkipped() throws Exception {
    Path logA = ClusterNodes.log(nodes.a);
    Path logB = ClusterNodes.log(nodes.b);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
    String tick = null;
    Map<String, String> a = Map.of();
    Map<String, String> b = Map.of();
    while (tick == null && Instant.now().isBefore(deadline)) {
      Thread.sleep(1000);
      a = ticks(logA);
      b = ticks(logB);
      for (String t : a.keySet()) {
        if (b.containsKey(t)) {
          tick = t;
          break;
        }
      }
    }
    assertTrue(tick != null, "no tick seen by both instances; A: " + a + ", B: " + b);
    String onA = a.get(tick);
    String onB = b.get(tick);
    assertTrue(
        onA.equals("skipped") != onB.equals("skipped"),
        "exactly one instance runs tick " + tick + "; A: " + onA + ", B: " + onB);
    String runId = onA.equals("skipped") ? onB : onA;
    Http runner = onA.equals("skipped") ? nodes.b.http() : nodes.a.http();

    JsonObject history = awaitRun(runner, runId);
    Instant minute = Instant.parse(tick.substring("interval:".length()));
    List<JsonObject> intervalRuns =
        history.getJsonArray("runs").stream()
            .map(JsonValue::asJsonObject)
            .filter(r -> r.getString("trigger").equals("interval"))
            .filter(
                r -> {
                  Instant started = Instant.parse(r.getString("startedAt"));
                  return !started.isBefore(minute.minusSeconds(30))
                      && started.isBefore(minute.plusSeconds(30));
                })
            .toList();
    assertEquals(
        1, intervalRuns.size(), "one run of tick " + tick + " in the shared history: " + history);
    assertEquals(runId, intervalRuns.get(0).getString("id"));
  }

  @Test
  void execute_whileTheOtherInstanceRuns_409WithItsRunId() throws Exception {
    Http a = nodes.a.http();
    Http b = nodes.b.http();
    String body = "{\"concurrent\":false}";
    List<String> seen = new java.util.ArrayList<>();
    for (int attempt = 0; attempt < 10; attempt++) {
      Http.Answer first = ClusterNodes.post(a, "/api/v1/cache/warmup/execute", body);
      if (first.status() != 202) {
        seen.add("A " + first.status()); // a scheduled tick is running somewhere
        Thread.sleep(2000);
        continue;
      }
      String runId = first.object().getString("runId");
      Http.Answer second = ClusterNodes.post(b, "/api/v1/cache/warmup/execute", body);
      seen.add("B " + second.status());
      if (second.status() == 409) {
        assertEquals(runId, second.object().getString("runningRunId"), second.body());
        // B's status shows A's run as the cluster's (B runs nothing itself), unless it has
        // already ended, which the shared history then holds
        JsonObject status = b.get("/api/v1/cache/warmup/status").ok().object();
        assertEquals(false, status.getBoolean("running"), status.toString());
        if (status.isNull("clusterRun")) {
          awaitRun(b, runId);
        } else {
          assertEquals(
              runId, status.getJsonObject("clusterRun").getString("runId"), status.toString());
        }
        return;
      }
      Thread.sleep(3000); // A's run ended before B was asked; let B's finish too
    }
    throw new AssertionError("B never refused a run while A ran one: " + seen);
  }

  /** The shared history once {@code runId} is in it. */
  private static JsonObject awaitRun(Http http, String runId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonObject history = null;
    while (Instant.now().isBefore(deadline)) {
      history = http.get("/api/v1/cache/warmup/stats?limit=50").ok().object();
      boolean found =
          history.getJsonArray("runs").stream()
              .anyMatch(r -> r.asJsonObject().getString("id").equals(runId));
      if (found) {
        return history;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("run " + runId + " not in the history: " + history);
  }
}
