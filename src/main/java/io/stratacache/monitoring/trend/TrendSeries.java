package io.stratacache.monitoring.trend;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/cache/monitoring/metrics}.
 *
 * @param durationMinutes the window asked for
 * @param points the points of that window, oldest first
 */
public record TrendSeries(int durationMinutes, List<TrendPoint> points) {

  public TrendSeries {
    points = List.copyOf(points);
  }
}
