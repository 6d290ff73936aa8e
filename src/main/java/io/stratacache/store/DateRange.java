package io.stratacache.store;

import io.stratacache.platform.InvalidInputException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * An inclusive range of UTC days, at most {@value #MAX_DAYS} days long.
 *
 * @param from first day, inclusive
 * @param to last day, inclusive; never before {@code from}
 */
public record DateRange(LocalDate from, LocalDate to) {

  /** The longest range a request may ask for. */
  public static final int MAX_DAYS = 366;

  /**
   * Validates a range.
   *
   * @throws InvalidInputException if {@code from} is after {@code to} or the range is longer than
   *     {@value #MAX_DAYS} days
   */
  public DateRange {
    if (from.isAfter(to)) {
      throw new InvalidInputException("from (" + from + ") is after to (" + to + ")");
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_DAYS) {
      throw new InvalidInputException(
          "the range " + from + ".." + to + " spans " + days + " days; at most " + MAX_DAYS);
    }
  }

  /**
   * Parses ISO dates ({@code yyyy-MM-dd}) from request parameters. A missing {@code to} means
   * today; a missing {@code from} means {@code defaultDays} days ending at {@code to}.
   *
   * @throws InvalidInputException if a date is malformed or the range is invalid
   */
  public static DateRange parse(String from, String to, LocalDate today, int defaultDays) {
    LocalDate end = isBlank(to) ? today : date("to", to);
    LocalDate start = isBlank(from) ? end.minusDays(defaultDays - 1L) : date("from", from);
    return new DateRange(start, end);
  }

  /** Number of days in the range, both ends included. */
  public int days() {
    return (int) (ChronoUnit.DAYS.between(from, to) + 1);
  }

  /** The first instant of the range, as stored (UTC without zone). */
  public LocalDateTime startInclusive() {
    return from.atStartOfDay();
  }

  /** The first instant after the range. */
  public LocalDateTime endExclusive() {
    return to.plusDays(1).atStartOfDay();
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name + " must be a date as yyyy-MM-dd, was '" + value + "'");
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
