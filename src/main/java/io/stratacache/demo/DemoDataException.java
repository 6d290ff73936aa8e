package io.stratacache.demo;

/** Writing the demo data set failed. */
final class DemoDataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  DemoDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
