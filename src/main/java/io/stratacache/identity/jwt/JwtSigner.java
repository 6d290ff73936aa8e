package io.stratacache.identity.jwt;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Writes compact RS256 JSON Web Tokens (RFC 7519) with the claims MicroProfile JWT reads: {@code
 * iss}, {@code sub}, {@code upn} (the same as {@code sub}), {@code groups}, {@code iat}, {@code
 * exp} and {@code jti}. Stateless apart from the key; thread-safe.
 */
public final class JwtSigner {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER =
      URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final RSAPrivateKey key;

  public JwtSigner(RSAPrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * The claims of one token.
   *
   * @param issuer {@code iss}
   * @param subject {@code sub} and {@code upn}: a user id as text, or {@code admin}
   * @param groups {@code groups}, the caller's roles ({@code user}, {@code admin})
   * @param issuedAt {@code iat}
   * @param expiresAt {@code exp}, after {@code issuedAt}
   * @param id {@code jti}, unique per token
   */
  public record Claims(
      String issuer,
      String subject,
      List<String> groups,
      Instant issuedAt,
      Instant expiresAt,
      String id) {
    public Claims {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(subject, "subject");
      groups = List.copyOf(groups);
      Objects.requireNonNull(id, "id");
      if (!expiresAt.isAfter(issuedAt)) {
        throw new IllegalArgumentException("expiresAt must follow issuedAt");
      }
    }
  }

  /** The signed token, {@code header.payload.signature}. */
  public String sign(Claims claims) {
    JsonArrayBuilder groups = Json.createArrayBuilder();
    claims.groups().forEach(groups::add);
    String payload =
        Json.createObjectBuilder()
            .add("iss", claims.issuer())
            .add("sub", claims.subject())
            .add("upn", claims.subject())
            .add("groups", groups)
            .add("iat", claims.issuedAt().getEpochSecond())
            .add("exp", claims.expiresAt().getEpochSecond())
            .add("jti", claims.id())
            .build()
            .toString();
    String signed = HEADER + "." + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a JWT with RS256", e);
    }
  }
}
