package io.stratacache.platform;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * What the plain-JDBC stores (warm-up history and hot keys, alerts, trends) share: instants stored
 * as UTC {@code TIMESTAMP} columns (the same on H2 and PostgreSQL, whatever the JVM's zone), the
 * recognition of a duplicate-key insert (how a claim finds another instance was first), and
 * shortening a text to its column.
 */
public final class JdbcValues {
  private JdbcValues() {}

  /** {@code i} as a UTC {@code TIMESTAMP} value. */
  public static Timestamp timestamp(Instant i) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
  }

  /** A UTC {@code TIMESTAMP} value read back as an instant. */
  public static Instant instant(Timestamp t) {
    return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  /**
   * Whether {@code e} (or an exception chained to it, as a batch reports) is an integrity
   * constraint violation (SQLSTATE class 23), such as a second insert of the same key.
   */
  public static boolean duplicate(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  /** {@code s} cut to at most {@code max} characters. */
  public static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
