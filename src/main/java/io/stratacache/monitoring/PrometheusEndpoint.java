package io.stratacache.monitoring;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * {@code /metrics} in Prometheus text for a server without a MicroProfile Metrics endpoint of its
 * own: WildFly 38, whose MicroProfile profile has no MicroProfile Metrics. There the WildFly WAR
 * ({@code ROOT-wildfly.war}) bundles SmallRye Metrics, the implementation of the same API, and maps
 * this servlet in its {@code web.xml}; it hands each request to SmallRye's own handler, so the
 * names, tags and format are those of {@code /metrics} on Payara ({@code docs/servers.md},
 * "WildFly").
 *
 * <p>Not mapped in the Payara WAR (Payara serves {@code /metrics} itself, and SmallRye is not in
 * that WAR): SmallRye's types appear only inside the method body, so the class loads without them.
 */
public class PrometheusEndpoint extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    io.smallrye.metrics.MetricsRequestHandler handler =
        new io.smallrye.metrics.MetricsRequestHandler();
    handler.handleRequest(
        path,
        request.getMethod(),
        Collections.list(request.getHeaders("Accept")).stream(),
        request.getParameterMap(),
        (status, message, headers) -> {
          response.setStatus(status);
          headers.forEach(response::setHeader);
          if (response.getContentType() == null) {
            response.setContentType("text/plain; version=0.0.4; charset=utf-8");
          }
          byte[] body = message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8);
          response.setContentLength(body.length);
          response.getOutputStream().write(body);
        });
  }
}
