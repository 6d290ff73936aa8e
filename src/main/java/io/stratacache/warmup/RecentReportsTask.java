package io.stratacache.warmup;

import io.stratacache.brand.ReportService;
import io.stratacache.brand.ReportStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * {@code recent_reports}: the {@code recent-reports} entries of {@code GET /api/v1/reports/recent}
 * with its default limit (20), unfiltered and per status, plus the latest {@code
 * WARMUP_RECENT_REPORTS_COUNT} completed reports ({@code ?limit=N&status=COMPLETED}).
 */
@ApplicationScoped
public class RecentReportsTask implements WarmupTask {

  /** The endpoint's default {@code limit}. */
  static final int ENDPOINT_DEFAULT_LIMIT = 20;

  @Inject ReportService reports;
  @Inject WarmupSettings settings;

  @Override
  public String name() {
    return "recent_reports";
  }

  @Override
  public int priority() {
    return 20;
  }

  @Override
  public Duration timeout() {
    return settings.taskTimeout();
  }

  @Override
  public int warm() throws InterruptedException {
    reports.recent(ENDPOINT_DEFAULT_LIMIT, null);
    int warmed = 1;
    for (ReportStatus s : ReportStatus.values()) {
      Interrupts.check();
      reports.recent(ENDPOINT_DEFAULT_LIMIT, s);
      warmed++;
    }
    if (settings.recentReports() != ENDPOINT_DEFAULT_LIMIT) {
      reports.recent(settings.recentReports(), ReportStatus.COMPLETED);
      warmed++;
    }
    return warmed;
  }
}
