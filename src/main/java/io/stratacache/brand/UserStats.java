package io.stratacache.brand;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Diagnosis activity of one user.
 *
 * @param averageScore mean score of the user's completed reports, or null when none completed
 * @param topBrands the brands the user diagnosed most, at most five, most frequent first
 */
@io.stratacache.rest.ImmutableJson
public record UserStats(
    long userId,
    String username,
    long reportCount,
    Double averageScore,
    Map<ReportStatus, Long> statusMix,
    Instant lastReportAt,
    List<BrandCount> topBrands)
    implements java.io.Serializable {

  /** Copies the collections, so a cached instance can never change. */
  public UserStats {
    statusMix = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(statusMix));
    topBrands = List.copyOf(topBrands);
  }

  /** How many reports a user ran for one brand. */
  public record BrandCount(String brand, long reports) implements java.io.Serializable {}
}
