package io.stratacache.rest;

import io.stratacache.platform.InvalidInputException;
import io.stratacache.platform.UnknownEntityException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one mapping from exceptions to error answers: {@link InvalidInputException}, a violated
 * constraint and malformed JSON give 400, a {@link RefusedBodyException} its own status (400 or
 * 413), {@link UnknownEntityException} 404, a {@link WebApplicationException} keeps its status, and
 * anything else is a 500 whose detail carries an incident id that is logged with the stack trace.
 * No answer ever contains a stack trace.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof InvalidInputException) {
      return answer(400, "invalid_parameter", cause.getMessage());
    }
    if (cause instanceof UnknownEntityException) {
      return answer(404, "not_found", cause.getMessage());
    }
    if (cause instanceof RefusedBodyException r) {
      Response.ResponseBuilder refused =
          Response.status(r.status())
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(new ApiError(r.code(), r.getMessage()));
      if (r.status() == 413) {
        refused.header("Connection", "close");
      }
      return refused.build();
    }
    if (cause instanceof MalformedBodyException) {
      return answer(400, "malformed_json", cause.getMessage());
    }
    if (cause instanceof ConstraintViolationException cve) {
      return answer(400, "invalid_parameter", JsonRequests.describe(cve.getConstraintViolations()));
    }
    if (cause instanceof JsonbException
        || cause instanceof JsonException
        || cause instanceof ProcessingException) {
      return answer(
          400, "malformed_json", "the request body is not valid JSON of the expected shape");
    }
    if (cause instanceof WebApplicationException wae) {
      int status = wae.getResponse().getStatus();
      Response.Status known = Response.Status.fromStatusCode(status);
      String code = known == null ? "http_" + status : known.name().toLowerCase(Locale.ROOT);
      return answer(status, code, wae.getMessage());
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unhandled error, incident " + incident, e);
    return answer(500, "internal_error", "unexpected error; incident " + incident + " is logged");
  }

  static Response answer(int status, String error, String detail) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(error, detail))
        .build();
  }

  /** Whether {@code t} is a refusal of the request-binding layer (which a reader may wrap). */
  private static boolean refusal(Throwable t) {
    return t instanceof InvalidInputException
        || t instanceof RefusedBodyException
        || t instanceof MalformedBodyException;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof jakarta.ejb.EJBException
            || t instanceof java.util.concurrent.CompletionException
            || (t instanceof ProcessingException && refusal(t.getCause())))
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
