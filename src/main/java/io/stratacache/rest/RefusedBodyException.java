package io.stratacache.rest;

import java.util.Objects;

/**
 * A request body refused before it was bound: too large (413 {@code payload_too_large}) or nested
 * too deeply (400 {@code too_deeply_nested}). {@link ErrorMapper} answers it with its status and
 * code; a body that is merely not JSON is a {@link MalformedBodyException} instead.
 */
public class RefusedBodyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  RefusedBodyException(int status, String code, String detail) {
    super(detail);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
  }

  /** 413: the body is longer than {@code maxBytes}. */
  static RefusedBodyException tooLarge(int maxBytes) {
    return new RefusedBodyException(
        413, "payload_too_large", "the request body is larger than " + maxBytes + " bytes");
  }

  /** 400: the body nests arrays and objects deeper than {@code maxDepth}. */
  static RefusedBodyException tooDeep(int maxDepth) {
    return new RefusedBodyException(
        400,
        "too_deeply_nested",
        "the request body nests arrays and objects deeper than " + maxDepth + " levels");
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
