package io.stratacache.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Test-only servlet filter that {@link AuthenticationIT} adds to the WAR: answers what a servlet
 * filter sees of the caller ({@link Caller#of}, the principal, {@code isUserInRole}), before any
 * servlet or JAX-RS runs, as a later response-cache filter will.
 */
@WebFilter("/it-probe/caller")
public class CallerProbeFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException {
    Optional<Caller> caller = Caller.of(req);
    String principal = req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName();
    res.setContentType("application/json");
    res.getWriter()
        .write(
            "{\"principal\":"
                + (principal == null ? "null" : "\"" + principal + "\"")
                + ",\"caller\":"
                + (caller.isPresent() ? "\"" + caller.get().name() + "\"" : "null")
                + ",\"admin\":"
                + caller.map(Caller::admin).orElse(false)
                + ",\"userId\":"
                + (caller.isPresent() && caller.get().userId().isPresent()
                    ? caller.get().userId().getAsLong()
                    : "null")
                + ",\"inRoleAdmin\":"
                + req.isUserInRole("admin")
                + ",\"inRoleUser\":"
                + req.isUserInRole("user")
                + "}");
  }
}
