package io.stratacache.brand;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** A diagnosis report without its result document, as listed. Times are UTC instants. */
@io.stratacache.rest.ImmutableJson
public record ReportSummary(
    String executionId,
    String brand,
    Long userId,
    ReportStatus status,
    Instant createdAt,
    Instant completedAt,
    Integer score)
    implements java.io.Serializable {

  /** The shape JPQL constructor expressions produce (timestamps stored as UTC). */
  public ReportSummary(
      String executionId,
      String brand,
      Long userId,
      ReportStatus status,
      LocalDateTime createdAt,
      LocalDateTime completedAt,
      Integer score) {
    this(executionId, brand, userId, status, utc(createdAt), utc(completedAt), score);
  }

  static Instant utc(LocalDateTime t) {
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }
}
