package io.stratacache.brand;

import java.util.List;
import java.util.Map;

/**
 * Statistics of one brand's diagnosis reports.
 *
 * @param averageScore mean score of completed reports, or null when none completed
 * @param statusMix report count per status (every status present, zero when absent)
 * @param trend one point per UTC day for the last 30 days, oldest first, days without reports
 *     included with zero
 */
@io.stratacache.rest.ImmutableJson
public record BrandStats(
    String brand,
    String category,
    long reportCount,
    Double averageScore,
    Map<ReportStatus, Long> statusMix,
    List<DailyReportCount> trend)
    implements java.io.Serializable {

  /** Copies the collections, so a cached instance can never change. */
  public BrandStats {
    statusMix = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(statusMix));
    trend = List.copyOf(trend);
  }
}
