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

  @Inject org.eclipse.microprofile.config.Config config;

  @Override
  public void filter(ContainerRequestContext request) {
    // AdminTokenFilter is a JAX-RS provider, not a CDI bean (bean discovery is "annotated"):
    // it cannot be injected, so the admin check runs on an instance given this filter's config.
    AdminTokenFilter admin = new AdminTokenFilter();
    admin.config = config;
    admin.filter(request);
  }
}
