package io.stratacache.identity.jwt;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page for every 401 the server itself sends (web.xml {@code <error-page>}): Payara's
 * MicroProfile JWT mechanism refuses a bearer token that is not a valid JWT of the configured
 * issuer (malformed, expired, badly signed, {@code alg: none}, another issuer) before the
 * application sees the request, on any path. Answers {@code {"error":"unauthorized","detail":...}}
 * with a {@code Bearer} challenge instead of an HTML page. Stateless.
 */
public class UnauthorizedPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final String BODY =
      "{\"error\":\"unauthorized\",\"detail\":\"the bearer token is not a valid token of this"
          + " service (malformed, expired, not yet valid, wrong signature or issuer); send"
          + " 'Authorization: Bearer <jwt>' with a token from POST /api/v1/auth/token (admin,"
          + " in exchange for ADMIN_TOKEN) or from the configured issuer\"}";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    if (!response.containsHeader("WWW-Authenticate")) {
      response.setHeader(
          "WWW-Authenticate", "Bearer realm=\"stratacache\", error=\"invalid_token\"");
    }
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
