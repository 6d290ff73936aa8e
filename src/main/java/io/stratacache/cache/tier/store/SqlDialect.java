package io.stratacache.cache.tier.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The one statement that differs between databases: the upsert. Detected from JDBC metadata. */
enum SqlDialect {
  /** {@code MERGE INTO ... KEY (...)}: H2's native upsert. */
  H2,
  /** {@code INSERT ... ON CONFLICT (...) DO UPDATE}: PostgreSQL 9.5 and later. */
  POSTGRESQL,
  /** Anything else: UPDATE, then INSERT when no row was updated, in one transaction. */
  PORTABLE;

  static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    return PORTABLE;
  }

  /** The upsert with the nine columns in {@link JdbcStoreTier#COLUMNS} order, or null if none. */
  String upsert(String table) {
    String columns = JdbcStoreTier.COLUMNS;
    String values = "?, ?, ?, ?, ?, ?, ?, ?, ?";
    switch (this) {
      case H2:
        return "MERGE INTO "
            + table
            + " ("
            + columns
            + ") KEY (cache_name, cache_key) VALUES ("
            + values
            + ")";
      case POSTGRESQL:
        return "INSERT INTO "
            + table
            + " ("
            + columns
            + ") VALUES ("
            + values
            + ")"
            + " ON CONFLICT (cache_name, cache_key) DO UPDATE SET"
            + " value_bytes = EXCLUDED.value_bytes, negative = EXCLUDED.negative,"
            + " expires_at = EXCLUDED.expires_at, retain_until = EXCLUDED.retain_until,"
            + " tags = EXCLUDED.tags, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at";
      default:
        return null;
    }
  }
}
