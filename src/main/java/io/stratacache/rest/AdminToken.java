package io.stratacache.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Decides whether a caller sent the configured admin token ({@code ADMIN_TOKEN}), which {@code POST
 * /api/v1/auth/token} exchanges for an admin JWT. The comparison takes the same time whatever was
 * sent, so it leaks nothing about the token.
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
   * Compares a sent token with the configured one, in time independent of where they differ.
   *
   * @param configured the configured token ({@code ADMIN_TOKEN}); empty or blank disables admin
   * @param sent the token the caller sent (surrounding blanks ignored), or null
   */
  public static Verdict compare(Optional<String> configured, String sent) {
    String token = configured.map(String::trim).orElse("");
    if (token.isEmpty()) {
      return Verdict.DISABLED;
    }
    if (sent == null) {
      return Verdict.MISSING;
    }
    byte[] given = sent.trim().getBytes(StandardCharsets.UTF_8);
    byte[] expected = token.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, expected) ? Verdict.GRANTED : Verdict.WRONG;
  }
}
