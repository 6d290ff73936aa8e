package io.stratacache.identity;

/**
 * The request bodies of {@link AuthResource}. Their members are named as in OAuth 2.0 (RFC 6749),
 * snake case, unlike the camel case of the other endpoints.
 */
public final class AuthRequests {

  private AuthRequests() {}

  /**
   * The body of {@code POST /api/v1/auth/token}.
   *
   * @param admin_token the configured {@code ADMIN_TOKEN}
   */
  public record AdminExchange(String admin_token) {}

  /**
   * The body of {@code POST /api/v1/auth/demo-token}.
   *
   * @param user_id the id of an existing user
   */
  public record DemoUser(Long user_id) {}
}
