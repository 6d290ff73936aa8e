package io.stratacache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Level 3 (and 4) results are dropped exactly when a day they cover changes. */
class CoverageInvalidationTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
  private final HierarchyFixture f = new HierarchyFixture(1L << 30);
  private final DateRange august =
      new DateRange(LocalDate.of(2026, 8, 5), LocalDate.of(2026, 8, 20));
  private final List<StoreView> stores =
      List.of(HierarchyFixture.store(1), HierarchyFixture.store(2));

  CoverageInvalidationTest() {
    for (int i = 0; i < 200; i++) {
      f.put("o" + i, 1 + i % 3, TODAY.minusDays(i).atTime(10, 0), 1000 + i);
    }
  }

  @Test
  void refresh_dayInsideRangeOfMemberStore_dropsDiagnosis() throws Exception {
    MultiStoreDiagnosis before = f.hierarchy.diagnose(stores, august);
    assertSame(before, f.hierarchy.diagnose(stores, august), "cached");
    f.hierarchy.refresh(2, f.put("late", 2, LocalDate.of(2026, 8, 20).atTime(23, 0), 7777));
    MultiStoreDiagnosis after = f.hierarchy.diagnose(stores, august);
    assertNotSame(before, after);
    assertEquals(f.referenceDiagnosis(List.of(1L, 2L), august), after);
  }

  @Test
  void refresh_sameMonthOutsideRange_keepsDiagnosis() throws Exception {
    MultiStoreDiagnosis before = f.hierarchy.diagnose(stores, august);
    f.hierarchy.refresh(1, f.put("late", 1, LocalDate.of(2026, 8, 21).atTime(0, 0), 7777));
    f.hierarchy.refresh(1, f.put("early", 1, LocalDate.of(2026, 8, 4).atTime(23, 59), 7777));
    assertSame(before, f.hierarchy.diagnose(stores, august));
  }

  @Test
  void refresh_otherStoreSameDay_keepsDiagnosis() throws Exception {
    MultiStoreDiagnosis before = f.hierarchy.diagnose(stores, august);
    f.hierarchy.refresh(3, f.put("other", 3, LocalDate.of(2026, 8, 10).atTime(12, 0), 7777));
    assertSame(before, f.hierarchy.diagnose(stores, august));
  }

  @Test
  void onRemoteChange_coveredDay_dropsAndRecomputes() {
    StoreDashboard before = f.hierarchy.dashboard(HierarchyFixture.store(1), august);
    f.hierarchy.onRemoteChange(1, java.util.Set.of(LocalDate.of(2026, 8, 6)));
    assertNotSame(before, f.hierarchy.dashboard(HierarchyFixture.store(1), august));
    StoreDashboard again = f.hierarchy.dashboard(HierarchyFixture.store(1), august);
    f.hierarchy.onRemoteChange(1, java.util.Set.of(LocalDate.of(2026, 9, 6)));
    assertSame(again, f.hierarchy.dashboard(HierarchyFixture.store(1), august));
  }
}
