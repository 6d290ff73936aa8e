package io.stratacache.identity.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSignerTest {

  @TempDir static Path dir;
  static SigningKey key;

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @BeforeAll
  static void key() {
    key = SigningKey.read(dir.resolve("jwt.pem"));
  }

  static JsonObject part(String jwt, int i) {
    String json =
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[i]), StandardCharsets.UTF_8);
    return Json.createReader(new StringReader(json)).readObject();
  }

  static boolean verifies(String jwt) throws Exception {
    int dot = jwt.lastIndexOf('.');
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(key.publicKey());
    rs256.update(jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
    return rs256.verify(Base64.getUrlDecoder().decode(jwt.substring(dot + 1)));
  }

  String userToken() {
    return new JwtSigner(key.privateKey())
        .sign(
            new JwtSigner.Claims(
                "stratacache", "42", List.of("user"), NOW, NOW.plusSeconds(3600), "id-1"));
  }

  @Test
  void sign_claims_rs256TokenWithEveryClaimMpJwtReads() throws Exception {
    String jwt = userToken();
    assertEquals(3, jwt.split("\\.").length);
    assertFalse(jwt.contains("="), "base64url without padding");
    JsonObject header = part(jwt, 0);
    assertEquals("RS256", header.getString("alg"));
    assertEquals("JWT", header.getString("typ"));
    JsonObject claims = part(jwt, 1);
    assertEquals("stratacache", claims.getString("iss"));
    assertEquals("42", claims.getString("sub"));
    assertEquals("42", claims.getString("upn"));
    assertEquals(
        List.of("user"),
        claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals(NOW.getEpochSecond(), claims.getJsonNumber("iat").longValue());
    assertEquals(NOW.getEpochSecond() + 3600, claims.getJsonNumber("exp").longValue());
    assertEquals("id-1", claims.getString("jti"));
    assertTrue(verifies(jwt));
  }

  @Test
  void sign_payloadChangedAfterwards_signatureNoLongerVerifies() throws Exception {
    String[] parts = userToken().split("\\.");
    String admin =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"user\"", "\"admin\"")
                    .getBytes(StandardCharsets.UTF_8));
    assertFalse(verifies(parts[0] + "." + admin + "." + parts[2]));
  }

  @Test
  void sign_issuerWithQuotes_escapedInTheJson() {
    String jwt =
        new JwtSigner(key.privateKey())
            .sign(
                new JwtSigner.Claims(
                    "a \"quoted\" issuer",
                    "admin",
                    List.of("admin"),
                    NOW,
                    NOW.plusSeconds(60),
                    "x"));
    assertEquals("a \"quoted\" issuer", part(jwt, 1).getString("iss"));
  }

  @Test
  void claims_expiryNotAfterIssue_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new JwtSigner.Claims("i", "1", List.of("user"), NOW, NOW, "x"));
  }
}
