package io.stratacache.cache;

/** A loader failed with a checked exception, given as the cause. */
public final class CacheLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CacheLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
