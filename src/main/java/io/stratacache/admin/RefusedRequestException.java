package io.stratacache.admin;

import java.util.Objects;

/**
 * A well-formed request the administration will not carry out; thrown before anything changes.
 * {@link RefusedRequestMapper} answers it with the reason's status and code.
 */
public class RefusedRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a request was refused, with its HTTP status and error code. */
  public enum Reason {
    /** A key, pattern, value or body over the configured limit: 413 {@code payload_too_large}. */
    TOO_LARGE(413, "payload_too_large"),
    /** The cache cannot take the request in its current state or shape: 409 {@code conflict}. */
    CONFLICT(409, "conflict");

    final int status;
    final String code;

    Reason(int status, String code) {
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
  }

  private final Reason reason;

  public RefusedRequestException(Reason reason, String detail) {
    super(detail);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
