package io.stratacache.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.identity.jwt.JwtSigner;
import io.stratacache.identity.jwt.SigningKey;
import io.stratacache.testing.Http;
import io.stratacache.testing.PayaraInstance;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator's external issuer instead of the application's own: a server started with {@code
 * mp.jwt.verify.publickey.location} (a PEM file of another key pair) and {@code
 * mp.jwt.verify.issuer} generates no key, answers 404 on both token endpoints (demo tokens are off
 * too, {@code AUTH_DEMO_TOKENS=false}), accepts the external issuer's tokens with their roles, and
 * refuses the application's own. One server of its own (no demo data); it tests no database, so it
 * runs in the H2 half only.
 */
class ExternalIssuerIT {

  static final String ISSUER = "https://idp.example.test";
  static PayaraInstance server;
  static Http http;
  static SigningKey external;
  static Path unusedOwnKey;

  @BeforeAll
  static void start() throws IOException {
    Path dir = Path.of("target", "it-data", "external-" + UUID.randomUUID()).toAbsolutePath();
    Files.createDirectories(dir);
    external = SigningKey.loadOrCreate(dir.resolve("idp-private.pem"));
    Path publicKey = Files.writeString(dir.resolve("idp-public.pem"), external.publicKeyPem());
    unusedOwnKey = dir.resolve("own-key.pem");
    server =
        PayaraInstance.start(
            "external-issuer",
            "stratacache-it-ext-" + UUID.randomUUID().toString().substring(0, 8),
            PayaraInstance.freePort(),
            0,
            Map.of(
                "DB_URL",
                "jdbc:h2:file:" + dir.resolve("db/stratacache") + ";DB_CLOSE_ON_EXIT=FALSE",
                "DB_USER",
                "stratacache",
                "DB_PASSWORD",
                "stratacache",
                "DEMO_DATA",
                "none",
                "AUTH_DEMO_TOKENS",
                "false",
                "AUTH_KEY_FILE",
                unusedOwnKey.toString(),
                "mp.jwt.verify.publickey.location",
                publicKey.toUri().toString(),
                "mp.jwt.verify.issuer",
                ISSUER));
    http = server.http();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (true) {
      try {
        if (http.get("/api/v1/ping").status() == 200) {
          break;
        }
      } catch (IllegalStateException notYet) {
        // connection refused while starting
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the external-issuer server did not start; see target/");
      }
      sleep(500);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String token(SigningKey key, String issuer, String subject, String group) {
    Instant now = Instant.now();
    return "Bearer "
        + new JwtSigner(key.privateKey())
            .sign(
                new JwtSigner.Claims(
                    issuer,
                    subject,
                    List.of(group),
                    now,
                    now.plusSeconds(600),
                    UUID.randomUUID().toString()));
  }

  Http.Answer post(String path, String json, String authorization) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .method("POST", HttpRequest.BodyPublishers.ofString(json));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return http.send(r);
  }

  Http.Answer delete(String path, String authorization) {
    return http.send(
        HttpRequest.newBuilder(http.uri(path)).header("Authorization", authorization).DELETE());
  }

  @Test
  void tokenEndpoints_off_404_andNoOwnKeyGenerated() {
    JsonObject exchange =
        post("/api/v1/auth/token", "{\"admin_token\":\"it-admin-token\"}", null).error(404);
    assertTrue(exchange.getString("detail").contains("external"), exchange.toString());
    JsonObject demo = post("/api/v1/auth/demo-token", "{\"user_id\":1}", null).error(404);
    assertEquals("not_found", demo.getString("error"));
    assertFalse(Files.exists(unusedOwnKey), "no key of its own is generated");
  }

  @Test
  void externalTokens_rolesFromGroups() {
    String admin = token(external, ISSUER, "ops", "admin");
    assertEquals(200, delete("/api/v1/cache/clear?cache=brand-list", admin).status());
    String user = token(external, ISSUER, "5", "user");
    delete("/api/v1/cache/clear?cache=brand-list", user).error(403);
    // user 5 passes the guard for its own id (no demo data: then 404), not for another's
    http.get("/api/v1/users/5/stats", user).error(404);
    http.get("/api/v1/users/6/stats", user).error(403);
  }

  @Test
  void ownOrWrongIssuerTokens_401Json() {
    SigningKey own = SigningKey.loadOrCreate(Path.of(System.getProperty("it.auth.key")));
    assertEquals(
        "unauthorized",
        delete("/api/v1/cache/clear?cache=brand-list", token(own, "stratacache", "admin", "admin"))
            .error(401)
            .getString("error"));
    assertEquals(
        "unauthorized",
        delete("/api/v1/cache/clear?cache=brand-list", token(external, "stratacache", "a", "admin"))
            .error(401)
            .getString("error"));
  }
}
