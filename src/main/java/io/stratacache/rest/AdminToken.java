package io.stratacache.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Decides whether an {@code Authorization} header carries the configured admin token. The
 * comparison takes the same time whatever the header holds, so it leaks nothing about the token.
 */
public final class AdminToken {

  /** The outcome of a check. */
  public enum Verdict {
    /** The header carries the configured token. */
    GRANTED,
    /** No token is configured: administrative operations are disabled. */
    DISABLED,
    /** No bearer token was sent. */
    MISSING,
    /** A bearer token was sent, but not the configured one. */
    WRONG
  }

  private AdminToken() {}

  /**
   * @param configured the configured token ({@code ADMIN_TOKEN}); empty or blank disables admin
   * @param authorization the request's {@code Authorization} header, or null
   */
  public static Verdict check(Optional<String> configured, String authorization) {
    String token = configured.map(String::trim).orElse("");
    if (token.isEmpty()) {
      return Verdict.DISABLED;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Verdict.MISSING;
    }
    byte[] sent = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    byte[] expected = token.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(sent, expected) ? Verdict.GRANTED : Verdict.WRONG;
  }
}
