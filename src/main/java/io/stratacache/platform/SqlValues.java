package io.stratacache.platform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Converts the column values of native SQL results, whose Java types differ between H2 and
 * PostgreSQL drivers (for example {@code Integer} vs {@code Long} counts, {@code java.sql.Date} vs
 * {@code LocalDate}), into one type each.
 */
public final class SqlValues {

  private SqlValues() {}

  public static long toLong(Object value) {
    return value == null ? 0L : ((Number) value).longValue();
  }

  public static Double toDoubleOrNull(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }

  public static BigDecimal toBigDecimal(Object value) {
    if (value == null) {
      return BigDecimal.ZERO;
    }
    if (value instanceof BigDecimal b) {
      return b;
    }
    return new BigDecimal(value.toString());
  }

  public static LocalDate toLocalDate(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toLocalDate();
    }
    if (value instanceof LocalDateTime t) {
      return t.toLocalDate();
    }
    return LocalDate.parse(value.toString().substring(0, 10));
  }

  /** Reads a database timestamp (stored as UTC without zone) as an instant. */
  public static java.time.Instant toInstantOrNull(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("not a timestamp: " + value.getClass());
  }
}
