package io.stratacache.identity;

/**
 * A token issued by {@link AuthResource}, in the shape of an OAuth 2.0 token response (RFC 6749
 * §5.1).
 *
 * @param access_token the signed JWT, to send as {@code Authorization: Bearer <access_token>}
 * @param token_type always {@code Bearer}
 * @param expires_in its lifetime in seconds
 */
public record TokenAnswer(String access_token, String token_type, long expires_in) {}
