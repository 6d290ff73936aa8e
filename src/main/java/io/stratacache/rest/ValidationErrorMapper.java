package io.stratacache.rest;

import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers Bean Validation failures through {@link ErrorMapper}: a more specific mapper than {@code
 * ExceptionMapper<Throwable>} is needed because the JAX-RS implementation registers its own for
 * {@link ValidationException}, whose body is not {@code {"error","detail"}}. A violated constraint
 * is a 400 naming the members; any other {@link ValidationException} (a badly declared constraint)
 * is a 500 with a logged incident.
 */
@Provider
public class ValidationErrorMapper implements ExceptionMapper<ValidationException> {

  private final ErrorMapper errors = new ErrorMapper();

  @Override
  public Response toResponse(ValidationException e) {
    return errors.toResponse(e);
  }
}
