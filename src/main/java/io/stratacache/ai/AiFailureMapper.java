package io.stratacache.ai;

import io.stratacache.rest.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/**
 * Answers a failed generation: 502, 503 or 504 by {@link UpstreamException.Kind}, with {@code
 * Retry-After} (whole seconds, at least 1) when the upstream named one, the breaker is open or the
 * bulkhead is full; the body is {@code {"error","detail"}} as everywhere.
 */
@Provider
public class AiFailureMapper implements ExceptionMapper<UpstreamException> {

  private static final Logger LOG = Logger.getLogger(AiFailureMapper.class.getName());

  @Override
  public Response toResponse(UpstreamException e) {
    LOG.info(() -> "AI generation failed: " + e.kind() + ": " + e.getMessage());
    Response.ResponseBuilder answer =
        Response.status(e.kind().status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ApiError(e.kind().code(), e.getMessage()));
    if (e.retryAfter() != null) {
      long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
      answer.header("Retry-After", seconds);
    }
    return answer.build();
  }
}
