package io.stratacache.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How integration tests authenticate: every test asks here for the {@code Authorization} header
 * value of the admin or of one user, so the way credentials are obtained changes in one place. The
 * admin's token is {@link ServerTest#ADMIN_TOKEN} exchanged at {@code POST /api/v1/auth/token}; a
 * user's comes from {@code POST /api/v1/auth/demo-token} (the test servers run with demo data and
 * demo tokens on). Tokens are kept per server and subject until a minute before they expire.
 * Thread-safe.
 */
public final class Auth {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

  private record Token(String header, Instant renewAfter) {}

  private Auth() {}

  /** The {@code Authorization} value of the admin on the server at {@code base}. */
  public static String admin(URI base) {
    return token(
        base,
        "admin",
        "/api/v1/auth/token",
        "{\"admin_token\":\"" + ServerTest.ADMIN_TOKEN + "\"}");
  }

  /** The {@code Authorization} value of user {@code userId} on the server at {@code base}. */
  public static String user(URI base, long userId) {
    return token(base, "user " + userId, "/api/v1/auth/demo-token", "{\"user_id\":" + userId + "}");
  }

  /** The {@code Authorization} value of the admin on the server at {@code base}. */
  public static String admin(java.net.URL base) {
    return admin(uri(base));
  }

  /** The {@code Authorization} value of user {@code userId} on the server at {@code base}. */
  public static String user(java.net.URL base, long userId) {
    return user(uri(base), userId);
  }

  /** Forgets the tokens kept for {@code base} (a test that changed the server's key). */
  public static void forget(URI base) {
    String prefix = root(base) + " ";
    TOKENS.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private static URI uri(java.net.URL base) {
    try {
      return base.toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String root(URI base) {
    String s = base.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String token(URI base, String subject, String path, String body) {
    String key = root(base) + " " + subject;
    Token t = TOKENS.get(key);
    if (t == null || Instant.now().isAfter(t.renewAfter())) {
      t = fetch(URI.create(root(base) + path), body);
      TOKENS.put(key, t);
    }
    return t.header();
  }

  private static Token fetch(URI endpoint, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "no token from " + endpoint + ": " + r.statusCode() + " " + r.body());
      }
      JsonObject o;
      try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
        o = reader.readObject();
      }
      long seconds = o.getJsonNumber("expires_in").longValue();
      return new Token(
          "Bearer " + o.getString("access_token"),
          Instant.now().plusSeconds(Math.max(0, seconds - 60)));
    } catch (IOException e) {
      throw new IllegalStateException("no token from " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
