package io.stratacache.brand;

import io.stratacache.platform.SqlValues;
import jakarta.persistence.EntityManager;

/**
 * Keys of new brands, users, questions and reports, from the counter rows of {@code domain_id}
 * (Liquibase 800): an {@code UPDATE} takes the row's lock until the caller's transaction ends, so
 * concurrent inserts on any instance get distinct keys; the same SQL runs on H2 and PostgreSQL.
 */
final class DomainIds {

  private DomainIds() {}

  /** The next key of {@code table}, inside the caller's transaction. */
  static long next(EntityManager em, String table) {
    int updated =
        em.createNativeQuery("UPDATE domain_id SET next_id = next_id + 1 WHERE table_name = ?1")
            .setParameter(1, table)
            .executeUpdate();
    if (updated != 1) {
      throw new IllegalStateException("no domain_id row for " + table + " (Liquibase 800)");
    }
    Object v =
        em.createNativeQuery("SELECT next_id - 1 FROM domain_id WHERE table_name = ?1")
            .setParameter(1, table)
            .getSingleResult();
    return SqlValues.toLong(v);
  }
}
