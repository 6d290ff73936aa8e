package io.stratacache.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The two roles a caller can have, taken from the {@code groups} claim of its JWT, and the checks
 * the guards ({@link AdminOnly}, {@link Authenticated}, {@link UserOrAdmin}) share. A caller's name
 * is its token's {@code upn} (the same as its {@code sub}): a user id, or {@code admin}.
 */
public final class Roles {

  /** Any user of the API. */
  public static final String USER = "user";

  /** The administrator. */
  public static final String ADMIN = "admin";

  static final String CHALLENGE = "Bearer realm=\"stratacache\"";

  private Roles() {}

  /** Whether the request's caller, if any, is in {@code role}. */
  public static boolean has(SecurityContext security, String role) {
    Principal p = security == null ? null : security.getUserPrincipal();
    if (p == null) {
      return false;
    }
    if (p instanceof JsonWebToken jwt && jwt.getGroups() != null) {
      return jwt.getGroups().contains(role);
    }
    return security.isUserInRole(role);
  }

  /** The caller's name, or null when anonymous. */
  public static String name(SecurityContext security) {
    Principal p = security == null ? null : security.getUserPrincipal();
    return p == null ? null : p.getName();
  }

  /** 401 {@code unauthorized} with a {@code Bearer} challenge. */
  static Response unauthorized(String detail) {
    return Response.fromResponse(ErrorMapper.answer(401, "unauthorized", detail))
        .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
        .build();
  }

  /** 403 {@code forbidden}. */
  static Response forbidden(String detail) {
    return ErrorMapper.answer(403, "forbidden", detail);
  }

  static final String HOW =
      "send 'Authorization: Bearer <jwt>'; POST /api/v1/auth/token exchanges ADMIN_TOKEN for an"
          + " admin token";
}
