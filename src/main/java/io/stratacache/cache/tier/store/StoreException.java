package io.stratacache.cache.tier.store;

/** A failure of the store tier's database, carrying the {@link java.sql.SQLException} as cause. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
