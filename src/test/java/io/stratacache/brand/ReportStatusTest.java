package io.stratacache.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report lifecycle: exactly the moves PENDING → RUNNING → COMPLETED and → FAILED. */
class ReportStatusTest {

  static Set<ReportStatus> next(ReportStatus from) {
    Set<ReportStatus> out = EnumSet.noneOf(ReportStatus.class);
    for (ReportStatus to : ReportStatus.values()) {
      if (from.canMoveTo(to)) {
        out.add(to);
      }
    }
    return out;
  }

  @Test
  void canMoveTo_everyPair_onlyTheLifecycle() {
    assertEquals(EnumSet.of(ReportStatus.RUNNING, ReportStatus.FAILED), next(ReportStatus.PENDING));
    assertEquals(
        EnumSet.of(ReportStatus.COMPLETED, ReportStatus.FAILED), next(ReportStatus.RUNNING));
    assertEquals(EnumSet.noneOf(ReportStatus.class), next(ReportStatus.COMPLETED));
    assertEquals(EnumSet.noneOf(ReportStatus.class), next(ReportStatus.FAILED));
  }
}
