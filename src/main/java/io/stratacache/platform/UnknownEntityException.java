package io.stratacache.platform;

/** The addressed brand, report, user or store does not exist. Answered with {@code 404}. */
public class UnknownEntityException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnknownEntityException(String kind, Object id) {
    super("no " + kind + " " + id);
  }
}
