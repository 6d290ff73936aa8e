package io.stratacache.brand;

import io.stratacache.platform.SqlValues;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Folds rows of {@code (status, count, average score)} into a status mix, a total and the mean
 * score of completed reports. Package-private: a helper of the read services.
 */
final class StatusMix {

  final Map<ReportStatus, Long> counts = new EnumMap<>(ReportStatus.class);
  long total;
  Double averageScore;

  StatusMix(List<Object[]> rows) {
    for (ReportStatus s : ReportStatus.values()) {
      counts.put(s, 0L);
    }
    for (Object[] row : rows) {
      ReportStatus status = (ReportStatus) row[0];
      long count = SqlValues.toLong(row[1]);
      counts.put(status, count);
      total += count;
      if (status == ReportStatus.COMPLETED) {
        averageScore = roundScore(SqlValues.toDoubleOrNull(row[2]));
      }
    }
  }

  static Double roundScore(Double value) {
    return value == null ? null : Math.round(value * 100.0) / 100.0;
  }
}
