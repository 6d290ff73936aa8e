package io.stratacache.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.identity.jwt.JwtSigner;
import io.stratacache.identity.jwt.SigningKey;
import io.stratacache.testing.Auth;
import io.stratacache.testing.Deployments;
import io.stratacache.testing.Http;
import io.stratacache.testing.ServerTest;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bearer JWTs in a real server: the admin token exchanged for {@code ADMIN_TOKEN}, demo users'
 * tokens, the roles on admin and per-user endpoints, every kind of bad token answered 401 as JSON
 * (never HTML) on any path, and what a servlet filter sees of the caller. Bad tokens are forged
 * with the server's own key file ({@code it.auth.key}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthenticationIT {

  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The shipped WAR plus a probe filter that shows what servlet filters see of the caller. */
  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war().addClass(CallerProbeFilter.class);
  }

  @ArquillianResource URL base;
  Http http;

  @BeforeEach
  void ready() {
    http = new Http(base);
    http.awaitDemoData();
  }

  // ---- helpers

  record Reply(int status, String contentType, String challenge, String body) {}

  Reply send(String method, String path, String authorization, String json) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(http.uri(path))
            .timeout(Duration.ofSeconds(30))
            .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
    if (json != null) {
      r.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> a = CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          a.statusCode(),
          a.headers().firstValue("Content-Type").orElse(""),
          a.headers().firstValue("WWW-Authenticate").orElse(null),
          a.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Asserts a JSON refusal {@code {"error": code, ...}} of that status; a 401 with a challenge. */
  static JsonObject refused(Reply r, int status, String code) {
    Http.Answer a = new Http.Answer(r.status(), r.contentType(), r.body());
    JsonObject e = a.error(status);
    assertFalse(r.body().contains("<html") || r.body().contains("<!DOCTYPE"), r.body());
    assertEquals(code, e.getString("error"), r.body());
    if (status == 401) {
      assertTrue(
          r.challenge() != null && r.challenge().startsWith("Bearer"),
          () -> "401 carries a Bearer challenge: " + r);
    }
    return e;
  }

  static SigningKey serverKey() {
    return SigningKey.loadOrCreate(Path.of(System.getProperty("it.auth.key")));
  }

  static String sign(String subject, List<String> groups, Instant issued, Instant expires) {
    return sign("stratacache", subject, groups, issued, expires);
  }

  static String sign(
      String issuer, String subject, List<String> groups, Instant issued, Instant expires) {
    return new JwtSigner(serverKey().privateKey())
        .sign(
            new JwtSigner.Claims(
                issuer, subject, groups, issued, expires, UUID.randomUUID().toString()));
  }

  static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static final String ADMIN_OP = "/api/v1/cache/clear?cache=brand-list";

  Reply adminOp(String authorization) {
    return send("DELETE", ADMIN_OP, authorization, null);
  }

  // ---- the token endpoints

  @Test
  void token_adminTokenExchanged_oauthShapeAndAdminRole() {
    Reply r =
        send(
            "POST",
            "/api/v1/auth/token",
            null,
            "{\"admin_token\":\"" + ServerTest.ADMIN_TOKEN + "\"}");
    assertEquals(200, r.status(), r.body());
    JsonObject o = new Http.Answer(r.status(), r.contentType(), r.body()).object();
    assertEquals("Bearer", o.getString("token_type"));
    assertEquals(3600, o.getInt("expires_in"));
    String jwt = o.getString("access_token");
    assertEquals(3, jwt.split("\\.").length, jwt);
    String payload =
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    assertTrue(payload.contains("\"groups\":[\"admin\"]"), payload);
    assertEquals(200, adminOp("Bearer " + jwt).status());
  }

  @Test
  void token_wrongOrMissingAdminToken_401Json() {
    refused(
        send("POST", "/api/v1/auth/token", null, "{\"admin_token\":\"nope\"}"),
        401,
        "unauthorized");
    refused(send("POST", "/api/v1/auth/token", null, "{}"), 401, "unauthorized");
    refused(
        send("POST", "/api/v1/auth/token", null, "{\"token\":\"x\"}"), 400, "invalid_parameter");
    refused(send("POST", "/api/v1/auth/token", null, "{"), 400, "malformed_json");
  }

  @Test
  void demoToken_existingUser_userRole_unknownUser404() {
    Reply r = send("POST", "/api/v1/auth/demo-token", null, "{\"user_id\":7}");
    assertEquals(200, r.status(), r.body());
    String payload =
        new String(
            Base64.getUrlDecoder()
                .decode(
                    new Http.Answer(200, r.contentType(), r.body())
                        .object()
                        .getString("access_token")
                        .split("\\.")[1]),
            StandardCharsets.UTF_8);
    assertTrue(payload.contains("\"sub\":\"7\""), payload);
    assertTrue(payload.contains("\"upn\":\"7\""), payload);
    assertTrue(payload.contains("\"groups\":[\"user\"]"), payload);
    refused(
        send("POST", "/api/v1/auth/demo-token", null, "{\"user_id\":99999999}"), 404, "not_found");
    refused(
        send("POST", "/api/v1/auth/demo-token", null, "{\"user_id\":\"7\"}"),
        400,
        "invalid_parameter");
    refused(send("POST", "/api/v1/auth/demo-token", null, "{}"), 400, "invalid_parameter");
  }

  // ---- roles

  @Test
  void adminEndpoint_noToken401_userToken403_adminToken200() {
    refused(adminOp(null), 401, "unauthorized");
    refused(adminOp(Auth.user(base, 3)), 403, "forbidden");
    assertEquals(200, adminOp(Auth.admin(base)).status());
  }

  @Test
  void userStats_ownTokenOrAdmin_otherUser403_anonymous401() {
    assertEquals(200, send("GET", "/api/v1/users/3/stats", Auth.user(base, 3), null).status());
    assertEquals(200, send("GET", "/api/v1/users/003/stats", Auth.user(base, 3), null).status());
    refused(send("GET", "/api/v1/users/4/stats", Auth.user(base, 3), null), 403, "forbidden");
    refused(send("GET", "/api/v1/users/4/stats", null, null), 401, "unauthorized");
    assertEquals(200, send("GET", "/api/v1/users/4/stats", Auth.admin(base), null).status());
    refused(send("GET", "/api/v1/users/99999999/stats", Auth.admin(base), null), 404, "not_found");
    refused(
        send("GET", "/api/v1/users/abc/stats", Auth.admin(base), null), 400, "invalid_parameter");
  }

  @Test
  void openEndpoint_validUserOrAdminToken_served() {
    assertEquals(200, send("GET", "/api/v1/ping", Auth.user(base, 3), null).status());
    assertEquals(200, send("GET", "/api/v1/ping", Auth.admin(base), null).status());
    assertEquals(200, send("GET", "/api/v1/ping", null, null).status());
  }

  // ---- bad tokens: 401 JSON everywhere, before the application runs

  static final List<String> PATHS =
      List.of(
          ADMIN_OP, "/api/v1/ping", "/api/v1/users/3/stats", "/health", "/dashboard/index.html");

  void assertRefusedEverywhere(String what, String authorization) {
    for (String path : PATHS) {
      String method = path.equals(ADMIN_OP) ? "DELETE" : "GET";
      Reply r = send(method, path, authorization, null);
      assertEquals(401, r.status(), () -> what + " on " + path + ": " + r);
      refused(r, 401, "unauthorized");
    }
  }

  @Test
  void badTokens_401JsonOnEveryPath() {
    Instant now = Instant.now();
    String valid = sign("3", List.of("user"), now, now.plusSeconds(600));
    String[] parts = valid.split("\\.");
    assertEquals(200, send("GET", "/api/v1/users/3/stats", "Bearer " + valid, null).status());

    assertRefusedEverywhere("an opaque token", "Bearer " + ServerTest.ADMIN_TOKEN);
    assertRefusedEverywhere("garbage", "Bearer a.b.c");
    assertRefusedEverywhere(
        "an expired token",
        "Bearer " + sign("3", List.of("user"), now.minusSeconds(7200), now.minusSeconds(3600)));
    char[] sig = parts[2].toCharArray();
    sig[sig.length / 2] = sig[sig.length / 2] == 'A' ? 'B' : 'A';
    assertRefusedEverywhere(
        "a changed signature byte", "Bearer " + parts[0] + "." + parts[1] + "." + new String(sig));
    String forged =
        b64(
            "{\"iss\":\"stratacache\",\"sub\":\"3\",\"upn\":\"3\",\"groups\":[\"admin\"],\"iat\":"
                + now.getEpochSecond()
                + ",\"exp\":"
                + now.plusSeconds(600).getEpochSecond()
                + ",\"jti\":\"forged\"}");
    assertRefusedEverywhere(
        "a forged payload with the old signature",
        "Bearer " + parts[0] + "." + forged + "." + parts[2]);
    assertRefusedEverywhere(
        "alg none", "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + forged + ".");
    assertRefusedEverywhere(
        "another issuer",
        "Bearer " + sign("someone-else", "3", List.of("user"), now, now.plusSeconds(600)));
  }

  // ---- the servlet layer

  @Test
  void servletFilter_seesTheCallerOfAValidToken() {
    JsonObject anonymous = http.get("/it-probe/caller").ok().object();
    assertTrue(anonymous.isNull("principal"), anonymous.toString());
    assertTrue(anonymous.isNull("caller"), anonymous.toString());

    Reply user = send("GET", "/it-probe/caller", Auth.user(base, 5), null);
    JsonObject u = new Http.Answer(user.status(), user.contentType(), user.body()).ok().object();
    assertEquals("5", u.getString("principal"), u.toString());
    assertEquals(5, u.getInt("userId"), u.toString());
    assertFalse(u.getBoolean("admin"), u.toString());
    assertTrue(u.getBoolean("inRoleUser"), u.toString());
    assertFalse(u.getBoolean("inRoleAdmin"), u.toString());

    Reply admin = send("GET", "/it-probe/caller", Auth.admin(base), null);
    JsonObject a = new Http.Answer(admin.status(), admin.contentType(), admin.body()).ok().object();
    assertEquals("admin", a.getString("principal"), a.toString());
    assertTrue(a.getBoolean("admin"), a.toString());
    assertTrue(a.isNull("userId"), a.toString());
    assertTrue(a.getBoolean("inRoleAdmin"), a.toString());
  }

  @Test
  void signingKey_ownerOnly() throws IOException {
    Path key = Path.of(System.getProperty("it.auth.key"));
    assertTrue(Files.isRegularFile(key), key::toString);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertNotEquals(0, Files.size(key));
  }
}
