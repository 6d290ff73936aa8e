package io.stratacache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Level 2 kept incrementally: after every new, back-dated, corrected or cancelled order of a random
 * stream, the cached pages, dashboards and diagnoses equal a full recomputation from the order
 * table, and a change reads back only the months it touched.
 */
class IncrementalDailyMetricsTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
  private static final DateRange YEAR = new DateRange(TODAY.minusDays(364), TODAY);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void refresh_randomStream_equalsFullRecomputation(long seed) throws Exception {
    Random random = new Random(seed);
    HierarchyFixture f = new HierarchyFixture(1L << 30);
    List<Long> stores = List.of(1L, 2L, 3L);
    for (int i = 0; i < 600; i++) {
      f.put("seed-" + i, 1 + random.nextInt(3), time(random, 364), 100 + random.nextInt(9000));
    }
    // Warm every level over the year.
    for (long s : stores) {
      f.hierarchy.dashboard(HierarchyFixture.store(s), YEAR);
    }
    f.hierarchy.diagnose(stores.stream().map(HierarchyFixture::store).toList(), YEAR);
    List<String> clients = new ArrayList<>(f.rows.keySet());
    for (int step = 0; step < 200; step++) {
      int kind = random.nextInt(4);
      Set<LocalDate> days;
      long store;
      if (kind == 0) { // new, today
        store = 1 + random.nextInt(3);
        String c = "new-" + step;
        clients.add(c);
        days = f.put(c, store, TODAY.atTime(random.nextInt(24), random.nextInt(60)), 555);
      } else if (kind == 1) { // back-dated, up to a year ago
        store = 1 + random.nextInt(3);
        String c = "late-" + step;
        clients.add(c);
        days = f.put(c, store, time(random, 364), 100 + random.nextInt(9000));
      } else if (kind == 2) { // correction: new amount and maybe another day
        String c = clients.get(random.nextInt(clients.size()));
        store = f.rows.get(c).store();
        days = f.put(c, store, time(random, 364), 100 + random.nextInt(9000));
      } else { // cancellation
        String c = clients.get(random.nextInt(clients.size()));
        store = f.rows.get(c).store();
        days = f.cancel(c);
      }
      f.hierarchy.refresh(store, days);
      if (step % 20 == 0 || step == 199) {
        for (long s : stores) {
          assertEquals(
              f.referenceDashboard(s, YEAR),
              f.hierarchy.dashboard(HierarchyFixture.store(s), YEAR),
              "store " + s + " after step " + step);
        }
        assertEquals(
            f.referenceDiagnosis(stores, YEAR),
            f.hierarchy.diagnose(stores.stream().map(HierarchyFixture::store).toList(), YEAR),
            "diagnosis after step " + step);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 40, 200})
  void refresh_newDay_readsOneMonthOnly(int daysBack) throws Exception {
    HierarchyFixture f = new HierarchyFixture(1L << 30);
    for (int i = 0; i < 300; i++) {
      f.put("o" + i, 1, TODAY.minusDays(i).atTime(12, 0), 1000);
    }
    f.hierarchy.dashboard(HierarchyFixture.store(1), YEAR);
    int reads = f.dailyReads.get();
    int orderReads = f.orderReads.get();
    LocalDate day = TODAY.minusDays(daysBack);
    f.hierarchy.refresh(1, f.put("late", 1, day.atTime(9, 30), 2500));
    assertEquals(reads + 1, f.dailyReads.get(), "one read of the changed month's days");
    StoreDashboard d = f.hierarchy.dashboard(HierarchyFixture.store(1), YEAR);
    assertEquals(f.referenceDashboard(1, YEAR), d);
    assertEquals(
        orderReads,
        f.orderReads.get(),
        "the year is not recomputed: the page's day was rewritten in place, no order is read");
    DailyPage page = f.hierarchy.page(1, YearMonth.from(day));
    assertEquals(2, page.orders()[day.getDayOfMonth() - 1]);
    assertTrue(f.published.get(f.published.size() - 1).startsWith("1:"));
  }

  private static LocalDateTime time(Random r, int maxDaysBack) {
    return TODAY.minusDays(r.nextInt(maxDaysBack + 1)).atTime(r.nextInt(24), r.nextInt(60));
  }
}
