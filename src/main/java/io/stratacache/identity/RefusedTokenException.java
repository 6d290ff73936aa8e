package io.stratacache.identity;

import io.stratacache.rest.ApiError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A token request refused: 401 {@code unauthorized} (wrong admin token), 403 {@code admin_disabled}
 * (no {@code ADMIN_TOKEN} configured) or 404 {@code not_found} (this endpoint is off). Answered by
 * {@link Mapper} with the usual {@code {"error","detail"}} body.
 */
public class RefusedTokenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  RefusedTokenException(int status, String code, String detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }

  /** The {@code error} code of the answer. */
  public String code() {
    return code;
  }

  /** Answers a {@link RefusedTokenException}; a 401 carries a {@code Bearer} challenge. */
  @Provider
  public static class Mapper implements ExceptionMapper<RefusedTokenException> {
    @Override
    public Response toResponse(RefusedTokenException e) {
      Response.ResponseBuilder answer =
          Response.status(e.status())
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(new ApiError(e.code(), e.getMessage()));
      if (e.status() == 401) {
        answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stratacache\"");
      }
      return answer.build();
    }
  }
}
