package io.stratacache.brand;

import io.stratacache.rest.Roles;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who a write acts for, from the request's verified caller (the rest guards have already refused
 * anonymous calls): the admin acts for anyone, a user only for itself.
 */
final class Acting {

  private Acting() {}

  /** The calling user's id, or null when the caller is the admin. */
  static Long user(SecurityContext security) {
    if (Roles.has(security, Roles.ADMIN)) {
      return null;
    }
    String name = Roles.name(security);
    try {
      return Long.valueOf(name == null ? "" : name.trim());
    } catch (NumberFormatException e) {
      throw new ForbiddenException("caller '" + name + "' is neither a user nor the admin");
    }
  }

  /**
   * The user a report is created for: the caller itself (a user may name only itself), or for the
   * admin the {@code userId} it names.
   *
   * @throws ForbiddenException if a user names another user
   * @throws io.stratacache.platform.InvalidInputException if the admin names no user
   */
  static long reportOwner(SecurityContext security, Long userId) {
    Long caller = user(security);
    if (caller == null) {
      if (userId == null) {
        throw new io.stratacache.platform.InvalidInputException(
            "userId: required when the admin creates a report");
      }
      return userId;
    }
    if (userId != null && !userId.equals(caller)) {
      throw new ForbiddenException(
          "user '" + caller + "' may create reports only for itself, not for user " + userId);
    }
    return caller;
  }
}
