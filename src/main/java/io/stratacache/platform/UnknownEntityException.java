package io.stratacache.platform;

/**
 * The addressed brand, report, user or store does not exist. Answered with {@code 404}. An answer,
 * not a fault: it carries no stack trace, which keeps it cheap to create and small where it is
 * cached as the "not found" of a {@code @CacheResult} method (the {@code *-not-found} caches hold
 * one per unknown id).
 */
public class UnknownEntityException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnknownEntityException(String kind, Object id) {
    super("no " + kind + " " + id, null, false, false);
  }
}
