package io.stratacache.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as any layer sees it, a servlet filter included: Payara verifies the bearer JWT
 * before servlet filters run and sets the request's principal (an invalid token never reaches them:
 * it is answered 401). A caller is the admin (groups contain {@code admin}) or a user (its subject
 * is its id).
 *
 * <pre>{@code
 * Optional<Caller> caller = Caller.of(request);       // empty: anonymous
 * caller.flatMap(c -> c.userId().isPresent() ? ...)   // per-user cache key
 * }</pre>
 *
 * @param name the token's {@code upn} (= {@code sub}): a user id as text, or {@code admin}
 * @param admin whether the caller has the admin role
 */
public record Caller(String name, boolean admin) {

  /** The caller of {@code request}, or empty when it carries no (verified) token. */
  public static Optional<Caller> of(HttpServletRequest request) {
    Principal p = request.getUserPrincipal();
    if (p == null || p.getName() == null) {
      return Optional.empty();
    }
    boolean admin =
        p instanceof JsonWebToken jwt && jwt.getGroups() != null
            ? jwt.getGroups().contains("admin")
            : request.isUserInRole("admin");
    return Optional.of(new Caller(p.getName(), admin));
  }

  /** The user id when the caller is a user (its name is a whole number), else empty. */
  public OptionalLong userId() {
    if (admin) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(name));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
