package io.stratacache.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.PayaraInstance;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generation against a real upstream over HTTP: a scripted OpenAI-compatible server on loopback
 * ({@link StubUpstream}) and one Payara Micro started with its URL, a key, and retry delays,
 * timeout and breaker shortened by configuration (the same keys an operator sets). Each test uses
 * its own data, so its key is its own.
 */
class AiUpstreamIT {

  static final String FT = "io.stratacache.ai.UpstreamCall/complete/";
  static StubUpstream upstream;
  static PayaraInstance server;
  static Http http;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    upstream = new StubUpstream();
    Map<String, String> settings = new HashMap<>();
    settings.put("OPENAI_API_KEY", "it-key");
    settings.put("OPENAI_BASE_URL", upstream.baseUrl());
    settings.put("AI_MODEL", "stub-model");
    settings.put("AI_RETRY_DELAY_MS", "200");
    settings.put("AI_RETRY_JITTER", "0");
    settings.put("AI_RETRY_MAX_DELAY_MS", "5000");
    settings.put(FT + "Timeout/value", "1500");
    settings.put(FT + "CircuitBreaker/requestVolumeThreshold", "6");
    settings.put(FT + "CircuitBreaker/failureRatio", "1.0");
    settings.put(FT + "CircuitBreaker/delay", "3000");
    String cmd = System.getProperty("payara.cmdOptions", "");
    if (cmd.contains("-DDB_URL=jdbc:h2")) {
      Path dir = Path.of("target", "it-data", "ai-upstream-" + UUID.randomUUID()).toAbsolutePath();
      settings.put("DB_URL", "jdbc:h2:file:" + dir + "/stratacache;DB_CLOSE_ON_EXIT=FALSE");
      settings.put("DB_USER", "stratacache");
    }
    String cluster = "stratacache-ai-it-" + UUID.randomUUID().toString().substring(0, 8);
    server =
        PayaraInstance.start("ai-upstream", cluster, PayaraInstance.freePort(), 0, settings)
            .awaitReady(Duration.ofMinutes(4));
    http = server.http();
    admin = Auth.admin(http.uri("/"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @BeforeEach
  void resetUpstream() {
    upstream.reset();
  }

  static String body(String name) {
    return "{\"template_id\":\"emergency_plan\",\"section_id\":\"2\",\"data\":{\"enterprise_info\":"
        + "{\"enterprise_name\":\""
        + name
        + "\",\"industry_type\":\"化工制造\",\"address\":\"北京市朝阳区\","
        + "\"main_products\":\"化工产品\",\"employees_count\":100}}}";
  }

  static Http.Answer generate(String body) {
    return http.send(
        HttpRequest.newBuilder(http.uri("/api/ai/generate"))
            .header("Authorization", admin)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static String unique() {
    return "企业-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void generate_twice_secondCachedWithOneUpstreamCall() {
    String b = body(unique());
    JsonObject first = generate(b).ok().object();
    assertFalse(first.getBoolean("cached"));
    assertEquals("stub-model", first.getString("model"));
    assertEquals("企业概况", first.getString("section_title"));
    assertEquals(40, first.getJsonObject("usage").getInt("prompt_tokens"));
    assertEquals(1, first.getInt("template_version"));
    assertTrue(upstream.lastBody.contains("\"max_tokens\":1500"), upstream.lastBody);
    JsonObject second = generate(b).ok().object();
    assertTrue(second.getBoolean("cached"));
    assertEquals(first.getString("content"), second.getString("content"));
    assertEquals(1, upstream.calls.get());
  }

  @Test
  void generate_429WithRetryAfter_waitsThenSucceeds() {
    upstream.then(429, "2");
    long start = System.nanoTime();
    JsonObject a = generate(body(unique())).ok().object();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertFalse(a.getBoolean("cached"));
    assertEquals(2, upstream.calls.get());
    assertTrue(millis >= 1900, "Retry-After 2 s honoured, waited " + millis + " ms");
  }

  @Test
  void generate_500Then500ThenSuccess_answersAndCaches() {
    upstream.then(500, null);
    upstream.then(503, null);
    String b = body(unique());
    long start = System.nanoTime();
    JsonObject a = generate(b).ok().object();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(3, upstream.calls.get());
    assertTrue(millis >= 550, "backoff 200 + 400 ms, took " + millis);
    assertTrue(a.getString("content").startsWith("stub answer"));
    assertTrue(generate(b).ok().object().getBoolean("cached"));
    assertEquals(3, upstream.calls.get());
  }

  @Test
  void generate_400FromUpstream_notRetriedNotCached() {
    upstream.then(400, null);
    String b = body(unique());
    JsonObject e = generate(b).error(502);
    assertEquals("upstream_rejected", e.getString("error"));
    assertEquals(1, upstream.calls.get());
    JsonObject ok = generate(b).ok().object();
    assertFalse(ok.getBoolean("cached"), "the failure was not cached");
    assertEquals(2, upstream.calls.get());
  }

  @Test
  void generate_slowUpstream_cutAtTimeoutAndRetried() {
    upstream.defaultDelayMillis.set(4000);
    upstream.script.addLast(new StubUpstream.Reply(200, null, 4000));
    upstream.script.addLast(new StubUpstream.Reply(200, null, 0));
    long start = System.nanoTime();
    JsonObject a = generate(body(unique())).ok().object();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertFalse(a.getBoolean("cached"));
    assertEquals(2, upstream.calls.get());
    assertTrue(millis >= 1400 && millis < 3900, "cut at 1.5 s and retried, took " + millis);
  }

  @Test
  void generate_slowUpstreamEveryTime_504() {
    upstream.defaultDelayMillis.set(2500);
    long start = System.nanoTime();
    JsonObject e = generate(body(unique())).error(504);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("upstream_timeout", e.getString("error"));
    assertEquals(4, upstream.calls.get());
    assertTrue(millis < 4 * 1500 + 200 + 400 + 800 + 3000, "took " + millis);
    upstream.reset();
    generate(body(unique())).ok(); // a success, so the breaker's window holds no run of failures
  }

  @Test
  void breaker_opensAfterRepeatedFailures_refusesWithRetryAfter_thenCloses() throws Exception {
    for (int i = 0; i < 8; i++) {
      upstream.then(500, null);
    }
    int firstStatus = generate(body(unique())).status();
    assertTrue(firstStatus == 502 || firstStatus == 503, "first: " + firstStatus);
    Http.Answer second = generate(body(unique()));
    int callsWhenOpen = upstream.calls.get();
    assertTrue(callsWhenOpen <= 8, "calls " + callsWhenOpen);
    HttpResponse<String> refused = raw(body(unique()));
    assertEquals(503, refused.statusCode(), refused.body() + " (second: " + second.body() + ")");
    assertTrue(refused.body().contains("\"upstream_unavailable\""), refused.body());
    String retryAfter = refused.headers().firstValue("Retry-After").orElse(null);
    assertNotNull(retryAfter, "Retry-After while the breaker is open");
    int seconds = Integer.parseInt(retryAfter);
    assertTrue(seconds >= 1 && seconds <= 3, "at most the breaker's delay (3 s): " + retryAfter);
    assertEquals(callsWhenOpen, upstream.calls.get(), "an open breaker makes no call");
    assertTrue(metric("stratacache_ai_upstream_breaker_open").contains(" 1"), "breaker gauge");

    // the application's own alert fires, is listed with the other alerts and on the AI panel
    evaluateAlerts();
    JsonObject alert =
        activeAlert(AiBreakerAlert.RULE)
            .orElseThrow(() -> new AssertionError("no active " + AiBreakerAlert.RULE + " alert"));
    assertEquals(AiBreakerAlert.SUBJECT, alert.getString("cache"));
    assertEquals("HIGH", alert.getString("severity"));
    assertEquals(1, alert.getJsonNumber("value").intValue());
    assertTrue(
        http.get("/api/v1/cache/dashboard").ok().body().contains(AiBreakerAlert.RULE),
        "the dashboard lists the alert");
    JsonObject panel = http.get("/api/ai/dashboard").ok().object();
    assertTrue(panel.getJsonObject("breaker").getBoolean("open"), panel.toString());

    upstream.script.clear();
    Thread.sleep(3500);
    JsonObject ok = generate(body(unique())).ok().object();
    assertFalse(ok.getBoolean("cached"));
    generate(body(unique())).ok();

    // closed again: the next evaluation resolves the alert
    evaluateAlerts();
    assertTrue(
        activeAlert(AiBreakerAlert.RULE).isEmpty(), "alert cleared after the breaker closed");
    long id = alert.getJsonNumber("id").longValue();
    assertTrue(
        http
            .get("/api/v1/cache/monitoring/alerts?state=AUTO_RESOLVED")
            .ok()
            .object()
            .getJsonArray("alerts")
            .stream()
            .anyMatch(a -> a.asJsonObject().getJsonNumber("id").longValue() == id),
        "alert " + id + " auto-resolved");
    assertFalse(
        http.get("/api/ai/dashboard").ok().object().getJsonObject("breaker").getBoolean("open"));
  }

  static void evaluateAlerts() {
    adminSend("POST", "/api/v1/cache/monitoring/alerts/evaluate", "").ok();
  }

  static Optional<JsonObject> activeAlert(String rule) {
    return http
        .get("/api/v1/cache/monitoring/alerts?state=ACTIVE")
        .ok()
        .object()
        .getJsonArray("alerts")
        .stream()
        .map(JsonValue::asJsonObject)
        .filter(a -> a.getString("rule").equals(rule))
        .findFirst();
  }

  static final HttpClient RAW =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** A generate request whose answer's headers the test reads. */
  static HttpResponse<String> raw(String body) throws Exception {
    return RAW.send(
        HttpRequest.newBuilder(http.uri("/api/ai/generate"))
            .header("Authorization", admin)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void generate_20ConcurrentIdentical_oneUpstreamCall() throws Exception {
    upstream.defaultDelayMillis.set(800);
    String b = body(unique());
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Http.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return generate(b);
                }));
      }
      go.countDown();
      Set<String> contents = new HashSet<>();
      int uncached = 0;
      for (Future<Http.Answer> f : answers) {
        JsonObject a = f.get().ok().object();
        contents.add(a.getString("content"));
        uncached += a.getBoolean("cached") ? 0 : 1;
      }
      assertEquals(1, upstream.calls.get());
      assertEquals(1, contents.size());
      assertEquals(1, uncached);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void stats_countHitsAsSavedNotSpent() {
    String b = body(unique());
    JsonObject before = stats();
    generate(b).ok();
    generate(b).ok();
    JsonObject after = stats();
    assertEquals(100, after.getInt("tokens_spent") - before.getInt("tokens_spent"));
    assertEquals(100, after.getInt("tokens_saved") - before.getInt("tokens_saved"));
    assertEquals(1, after.getInt("hits") - before.getInt("hits"));
    assertEquals(1, after.getInt("misses") - before.getInt("misses"));
    assertNotNull(after.getString("hit_rate"));
    assertTrue(after.getJsonNumber("upstream_latency_avg_ms").doubleValue() > 0, after::toString);
  }

  @Test
  void templateUpdate_bumpsVersion_oldAnswerNotServed() {
    String create =
        "{\"id\":\"it_tpl\",\"name\":\"IT\",\"system_prompt\":\"s\",\"sections\":"
            + "[{\"id\":\"a\",\"title\":\"A\",\"prompt\":\"say {{x}}\"}]}";
    Http.Answer created = adminSend("POST", "/api/ai/templates", create);
    assertTrue(created.status() == 201 || created.status() == 409, created.body());
    String b =
        "{\"template_id\":\"it_tpl\",\"section_id\":\"a\",\"data\":{\"x\":\"" + unique() + "\"}}";
    JsonObject v = generate(b).ok().object();
    int version = v.getInt("template_version");
    assertTrue(generate(b).ok().object().getBoolean("cached"));
    Http.Answer updated =
        adminSend("PUT", "/api/ai/templates/it_tpl", create.replace("say {{x}}", "tell {{x}}"));
    assertEquals(version + 1, updated.ok().object().getInt("version"));
    JsonObject after = generate(b).ok().object();
    assertFalse(after.getBoolean("cached"), "the old version's answer is not served");
    assertEquals(version + 1, after.getInt("template_version"));
    assertTrue(upstream.lastBody.contains("tell "), upstream.lastBody);
  }

  static Http.Answer adminSend(String method, String path, String body) {
    return http.send(
        HttpRequest.newBuilder(http.uri(path))
            .header("Authorization", admin)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  static JsonObject stats() {
    return http.send(
            HttpRequest.newBuilder(http.uri("/api/ai/cache/stats"))
                .header("Authorization", admin)
                .GET())
        .ok()
        .object()
        .getJsonObject("stats");
  }

  static String metric(String name) {
    String text = http.get("/metrics?scope=application").body();
    StringBuilder lines = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.startsWith(name) || line.startsWith("application_" + name)) {
        lines.append(line).append('\n');
      }
    }
    return lines.toString();
  }
}
