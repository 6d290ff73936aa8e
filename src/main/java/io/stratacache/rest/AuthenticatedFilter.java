package io.stratacache.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Guards {@link Authenticated} operations. Until user identities exist the admin is the only
 * authenticated caller, so this applies the admin check of {@link AdminTokenFilter}.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AuthenticatedFilter implements ContainerRequestFilter {

  @Inject AdminTokenFilter admin;

  @Override
  public void filter(ContainerRequestContext request) {
    admin.filter(request);
  }
}
