package io.stratacache.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Guards {@link UserOrAdmin} operations. The user id of the path and the caller's name are compared
 * as numbers ({@code 042} is user 42); a path id that is no number is left to the method for the
 * admin (400) and refused with 403 for a user.
 */
@Provider
@UserOrAdmin
@Priority(Priorities.AUTHORIZATION)
public class UserOrAdminFilter implements ContainerRequestFilter {

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    SecurityContext security = request.getSecurityContext();
    String name = Roles.name(security);
    if (name == null) {
      request.abortWith(
          Roles.unauthorized(
              "this user's data needs that user's token or an admin token: " + Roles.HOW));
      return;
    }
    if (Roles.has(security, Roles.ADMIN)) {
      return;
    }
    String param = parameter();
    String id = request.getUriInfo().getPathParameters().getFirst(param);
    if (!sameUser(name, id)) {
      request.abortWith(
          Roles.forbidden(
              "user '" + name + "' may read only its own data, not that of user '" + id + "'"));
    }
  }

  private String parameter() {
    Method m = resource.getResourceMethod();
    UserOrAdmin a = m == null ? null : m.getAnnotation(UserOrAdmin.class);
    if (a == null && resource.getResourceClass() != null) {
      a = resource.getResourceClass().getAnnotation(UserOrAdmin.class);
    }
    return a == null ? "id" : a.value();
  }

  /** Whether the caller {@code name} is the user {@code id}, both whole numbers. */
  static boolean sameUser(String name, String id) {
    if (name == null || id == null) {
      return false;
    }
    try {
      return Long.parseLong(name.trim()) == Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
