package io.stratacache.ai;

import io.stratacache.rest.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a colliding template write with 409 {@code conflict}. */
@Provider
public class TemplateConflictMapper implements ExceptionMapper<TemplateConflictException> {

  @Override
  public Response toResponse(TemplateConflictException e) {
    return Response.status(409)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError("conflict", e.getMessage()))
        .build();
  }
}
