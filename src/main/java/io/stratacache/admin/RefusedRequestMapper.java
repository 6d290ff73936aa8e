package io.stratacache.admin;

import io.stratacache.rest.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a {@link RefusedRequestException} with its reason's status and the usual {@code {"error",
 * "detail"}} body (the shared {@code ErrorMapper} knows no 413 or 409).
 */
@Provider
public class RefusedRequestMapper implements ExceptionMapper<RefusedRequestException> {

  @Override
  public Response toResponse(RefusedRequestException e) {
    Response.ResponseBuilder answer =
        Response.status(e.reason().status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ApiError(e.reason().code(), e.getMessage()));
    if (e.reason() == RefusedRequestException.Reason.TOO_LARGE) {
      answer.header("Connection", "close");
    }
    return answer.build();
  }
}
