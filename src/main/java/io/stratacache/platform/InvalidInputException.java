package io.stratacache.platform;

/**
 * A request parameter or body is malformed or inconsistent. Answered with {@code 400} and the
 * message as detail; thrown before anything changes.
 */
public class InvalidInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
