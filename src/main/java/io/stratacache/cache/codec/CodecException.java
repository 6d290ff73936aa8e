package io.stratacache.cache.codec;

/** A value could not be encoded or decoded; the cause says why. */
public final class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
