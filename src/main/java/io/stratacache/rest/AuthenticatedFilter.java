package io.stratacache.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Guards {@link Authenticated} operations: 401 {@code unauthorized} with a {@code Bearer} challenge
 * unless the request carries a verified JWT of a user or the admin.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHORIZATION)
public class AuthenticatedFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    if (Roles.name(request.getSecurityContext()) == null) {
      request.abortWith(
          Roles.unauthorized("this operation needs a user or admin token: " + Roles.HOW));
    }
  }
}
