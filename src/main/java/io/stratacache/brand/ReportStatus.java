package io.stratacache.brand;

import io.stratacache.platform.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Lifecycle of a diagnosis report. Only {@link #COMPLETED} reports carry a score. */
public enum ReportStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED;

  /**
   * Whether a report may move from this status to {@code next}: PENDING → RUNNING, RUNNING →
   * COMPLETED, PENDING or RUNNING → FAILED. COMPLETED and FAILED are final.
   */
  public boolean canMoveTo(ReportStatus next) {
    return switch (this) {
      case PENDING -> next == RUNNING || next == FAILED;
      case RUNNING -> next == COMPLETED || next == FAILED;
      case COMPLETED, FAILED -> false;
    };
  }

  /**
   * Parses a status name case-insensitively.
   *
   * @throws InvalidInputException naming the valid values if {@code value} is not one
   */
  public static ReportStatus parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "status must be one of "
              + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
              + ", was '"
              + value
              + "'");
    }
  }
}
