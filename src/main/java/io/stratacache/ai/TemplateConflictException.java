package io.stratacache.ai;

/** A template create or update that collides with another (409 {@code conflict}). */
public class TemplateConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TemplateConflictException(String message) {
    super(message);
  }
}
