package io.stratacache.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Guards {@link AdminOnly} operations with the bearer token from {@code ADMIN_TOKEN}, read at each
 * request so a changed setting takes effect without a redeploy. Answers 403 when no token is
 * configured (administration is disabled), 401 with {@code WWW-Authenticate} when the token is
 * missing or wrong. A granted request runs as principal {@code admin} in role {@code admin}.
 */
@Provider
@AdminOnly
@jakarta.enterprise.context.Dependent
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {

  /** The role granted to a caller with the admin token. */
  public static final String ADMIN_ROLE = "admin";

  @Inject Config config;

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<String> token = config.getOptionalValue("ADMIN_TOKEN", String.class);
    switch (AdminToken.check(token, request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
      case GRANTED -> request.setSecurityContext(new AdminContext(request.getSecurityContext()));
      case DISABLED ->
          request.abortWith(
              ErrorMapper.answer(
                  403,
                  "admin_disabled",
                  "administrative operations are disabled: no ADMIN_TOKEN is configured"));
      case MISSING ->
          request.abortWith(
              withChallenge(
                  ErrorMapper.answer(
                      401,
                      "unauthorized",
                      "send the admin token as 'Authorization: Bearer <token>'")));
      case WRONG ->
          request.abortWith(
              withChallenge(
                  ErrorMapper.answer(401, "unauthorized", "the admin token is not valid")));
    }
  }

  private static jakarta.ws.rs.core.Response withChallenge(jakarta.ws.rs.core.Response r) {
    return jakarta.ws.rs.core.Response.fromResponse(r)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stratacache\"")
        .build();
  }

  private record AdminContext(SecurityContext delegate) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return () -> ADMIN_ROLE;
    }

    @Override
    public boolean isUserInRole(String role) {
      return ADMIN_ROLE.equals(role);
    }

    @Override
    public boolean isSecure() {
      return delegate != null && delegate.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }
}
