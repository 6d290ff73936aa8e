package io.stratacache.http;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The response cache in front of the whole application (JAX-RS, static files, upstream routes): a
 * request no enabled rule covers costs one precompiled match and goes on; a hit is written here
 * without entering JAX-RS.
 */
@WebFilter(filterName = "response-cache", urlPatterns = "/*", asyncSupported = true)
public class ResponseCacheFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient ResponseCaching caching;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    ResponseCache engine = caching.engine();
    if (engine == null) {
      chain.doFilter(req, res);
      return;
    }
    RuleSet rules = engine.rules();
    String uri = req.getRequestURI();
    String ctx = req.getContextPath();
    String path = ctx.isEmpty() ? uri : uri.substring(ctx.length());
    CompiledRule rule = rules.match(path);
    if (rule == null) {
      res.setHeader("X-Cache", ResponseCache.BYPASS);
      chain.doFilter(req, res);
      return;
    }
    engine.handle(rule, path, req, res, chain);
  }
}
