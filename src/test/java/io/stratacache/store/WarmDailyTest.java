package io.stratacache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The global stage's bulk load of level 2: the pages it writes equal those built order by order, it
 * reads the source once per six months whatever the number of stores, it leaves cached pages alone,
 * and a page whose month changes while it loads is not kept.
 */
class WarmDailyTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
  private static final List<YearMonth> YEAR =
      StoreHierarchy.months(new DateRange(TODAY.minusDays(364), TODAY));

  private static HierarchyFixture fixture(long seed) {
    Random random = new Random(seed);
    HierarchyFixture f = new HierarchyFixture(1L << 30);
    for (int i = 0; i < 2_000; i++) {
      f.put(
          "o-" + i,
          1 + random.nextInt(5),
          TODAY.minusDays(random.nextInt(365)).atTime(random.nextInt(24), random.nextInt(60)),
          100 + random.nextInt(9_000));
    }
    return f;
  }

  @Test
  void warmDaily_equalsPagesBuiltFromOrders_oneReadPerSixMonths() {
    HierarchyFixture warmed = fixture(7);
    HierarchyFixture built = fixture(7);
    List<Long> stores = List.of(1L, 2L, 3L, 4L, 5L);

    int written = warmed.hierarchy.warmDaily(stores, YEAR);

    assertEquals(stores.size() * YEAR.size(), written);
    assertEquals((YEAR.size() + 5) / 6, warmed.dailyReads.get());
    for (long s : stores) {
      for (YearMonth m : YEAR) {
        assertEquals(built.hierarchy.page(s, m), warmed.hierarchy.page(s, m), s + " " + m);
      }
    }
    assertEquals(0, warmed.orderReads.get(), "served from the warmed pages, no level-1 read");
    assertEquals(0, warmed.hierarchy.warmDaily(stores, YEAR), "nothing left to load");
    assertEquals(
        stores.size() * YEAR.size(),
        warmed.hierarchy.stats().levels().get(HierarchyLevel.DAILY.number() - 1).entries());
  }

  @Test
  void warmDaily_changeDuringLoad_pageNotKept() throws Exception {
    HierarchyFixture f = fixture(11);
    YearMonth month = YearMonth.from(TODAY);
    // Between the source's read and the pages' write, an order of store 2 today commits and its
    // refresh runs (the page is not cached yet, so the refresh only drops it).
    f.duringDaily =
        () -> {
          f.duringDaily = () -> {};
          Set<LocalDate> days = f.put("late", 2, TODAY.atTime(12, 0), 123_456);
          try {
            f.hierarchy.refresh(2, days);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };

    int written = f.hierarchy.warmDaily(List.of(1L, 2L), List.of(month));

    assertNotEquals(2, written, "the raced load is not counted as kept");
    DailyPage page = f.hierarchy.page(2, month);
    HierarchyFixture fresh = fixture(11);
    fresh.put("late", 2, TODAY.atTime(12, 0), 123_456);
    assertEquals(fresh.hierarchy.page(2, month), page, "the page includes the raced order");
  }
}
