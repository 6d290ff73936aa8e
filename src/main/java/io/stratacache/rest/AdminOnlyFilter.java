package io.stratacache.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Guards {@link AdminOnly} operations: 401 {@code unauthorized} with a {@code Bearer} challenge
 * without a verified JWT, 403 {@code forbidden} when the token's groups lack {@code admin}. The
 * token itself was verified by MicroProfile JWT before this runs (an invalid one never gets here).
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public class AdminOnlyFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    String name = Roles.name(request.getSecurityContext());
    if (name == null) {
      request.abortWith(Roles.unauthorized("this operation needs an admin token: " + Roles.HOW));
    } else if (!Roles.has(request.getSecurityContext(), Roles.ADMIN)) {
      request.abortWith(
          Roles.forbidden("this operation needs the admin role; caller '" + name + "' lacks it"));
    }
  }
}
