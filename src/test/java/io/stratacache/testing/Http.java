package io.stratacache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** A small JSON-over-HTTP client for integration tests, bound to one running application. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  /**
   * @param base the application's URL as Arquillian gives it (context root included)
   */
  public Http(URL base) {
    String s = base.toString();
    this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** An answer: status, content type and body. */
  public record Answer(int status, String contentType, String body) {

    public JsonValue json() {
      try (JsonReader r = Json.createReader(new StringReader(body))) {
        return r.readValue();
      }
    }

    public JsonObject object() {
      return json().asJsonObject();
    }

    public JsonArray array() {
      return json().asJsonArray();
    }

    /** Asserts a 200 answer and returns it. */
    public Answer ok() {
      assertEquals(200, status, () -> "expected 200, got " + status + ": " + body);
      return this;
    }

    /**
     * Asserts an error answer of the given status with a JSON body {@code {"error", "detail"}} that
     * holds no stack trace.
     */
    public JsonObject error(int expectedStatus) {
      assertEquals(
          expectedStatus,
          status,
          () -> "expected " + expectedStatus + ", got " + status + ": " + body);
      assertTrue(
          contentType != null && contentType.startsWith("application/json"),
          () -> "error answers are JSON, got " + contentType);
      JsonObject o = object();
      assertTrue(o.containsKey("error") && o.containsKey("detail"), () -> "error shape: " + body);
      assertFalse(
          body.contains("\tat ") || body.contains("Exception:"),
          () -> "stack trace leaked: " + body);
      return o;
    }
  }

  /** GETs a path relative to the application, such as {@code /api/v1/brands?limit=3}. */
  public Answer get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /**
   * GETs a path relative to the application with an {@code Authorization} value (from {@link
   * Auth}).
   */
  public Answer get(String path, String authorization) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization).GET());
  }

  /**
   * Sends {@code method} with a JSON body (or none when {@code json} is null) and, unless null, an
   * {@code Authorization} value (from {@link Auth}).
   */
  public Answer json(String method, String path, String json, String authorization) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(uri(path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      r.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return send(r);
  }

  /** The absolute URI of a path relative to the application. */
  public URI uri(String path) {
    return URI.create(base + path);
  }

  public Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          CLIENT.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until the demo data set is complete (state READY at {@code /health/ready}) and the
   * start-up warm-up that follows it has finished, and returns the demo-data check's data. Fails
   * after two minutes.
   */
  public JsonObject awaitDemoData() {
    Instant deadline = Instant.now().plusSeconds(120);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      Answer a = get("/health/ready");
      last = a.body();
      if (a.status() == 200 || a.status() == 503) {
        for (JsonValue check : a.object().getJsonArray("checks")) {
          JsonObject c = check.asJsonObject();
          if (c.getString("name").equals("demo-data")) {
            JsonObject data = c.getJsonObject("data");
            if ("READY".equals(data.getString("state"))) {
              awaitStartupWarmup(deadline);
              return data;
            }
            assertFalse("FAILED".equals(data.getString("state")), () -> "demo data failed: " + c);
          }
        }
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("demo data not ready within 2 minutes; last health: " + last);
  }

  /**
   * Waits until the start-up warm-up (which starts once the demo data is ready) has finished, so
   * tests that count cache loads do not race with it.
   */
  private void awaitStartupWarmup(Instant deadline) {
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      Answer a = get("/api/v1/cache/warmup/status");
      last = a.body();
      if (a.status() == 200) {
        String state = a.object().getString("startup");
        if (!state.equals("WAITING_FOR_DATA") && !state.equals("RUNNING")) {
          return;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("start-up warm-up not finished in time; last status: " + last);
  }

  /** URL-encodes one path segment. */
  public static String segment(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
