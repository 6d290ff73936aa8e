package io.stratacache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One budget over four levels: held under a stream of mixed sizes, cheapest level evicted first.
 */
class HierarchyBudgetTest {

  @Test
  void touch_streamOfMixedSizes_neverAboveBudget() {
    List<String> evicted = new ArrayList<>();
    HierarchyBudget b = new HierarchyBudget(1_000_000, (l, k) -> evicted.add(l + ":" + k));
    Random r = new Random(7);
    HierarchyLevel[] levels = HierarchyLevel.values();
    for (int i = 0; i < 50_000; i++) {
      HierarchyLevel l = levels[r.nextInt(4)];
      int size = r.nextInt(10) == 0 ? 50_000 + r.nextInt(100_000) : 100 + r.nextInt(5_000);
      b.touch(l, "k" + r.nextInt(2_000), size);
      assertTrue(b.used() <= 1_000_000, "used " + b.used() + " after " + i);
    }
    long sum = 0;
    for (HierarchyLevel l : levels) {
      sum += b.bytes(l);
    }
    assertEquals(b.used(), sum);
    assertTrue(!evicted.isEmpty());
  }

  @Test
  void touch_overBudget_evictsCheapestLevelAboveItsFloorFirst() {
    List<String> evicted = new ArrayList<>();
    HierarchyBudget b = new HierarchyBudget(10_000, (l, k) -> evicted.add(l + ":" + k));
    b.touch(HierarchyLevel.ORDERS, "o1", 4_000);
    b.touch(HierarchyLevel.DAILY, "p1", 2_000);
    b.touch(HierarchyLevel.HOT, "h1", 1_500);
    b.touch(HierarchyLevel.HOT, "h2", 1_500);
    b.touch(HierarchyLevel.DIAGNOSIS, "x1", 900);
    assertEquals(List.of(), evicted);
    b.touch(HierarchyLevel.ORDERS, "o2", 1_000); // 10,900: over by 900
    assertEquals(List.of("HOT:h1"), evicted, "level 4 is cheapest; its least recent entry goes");
    b.touch(HierarchyLevel.HOT, "h2", 1_500); // read again
    b.touch(HierarchyLevel.ORDERS, "o3", 1_500); // over again
    // HOT holds 1,500 > its floor of 1,000: it is still the cheapest above its floor.
    assertEquals(List.of("HOT:h1", "HOT:h2"), evicted);
    b.touch(HierarchyLevel.ORDERS, "o4", 1_500); // HOT empty; DIAGNOSIS 900 is below its floor
    assertEquals("DAILY:p1", evicted.get(2), "next above its floor: level 2 before level 1");
    assertTrue(b.used() <= 10_000);
    assertEquals(1, b.evictions(HierarchyLevel.DAILY));
  }

  @Test
  void forget_releasesBytes() {
    HierarchyBudget b = new HierarchyBudget(10_000, (l, k) -> {});
    b.touch(HierarchyLevel.DAILY, "p", 600);
    b.touch(HierarchyLevel.DAILY, "p", 800);
    assertEquals(800, b.used(), "a key is counted once, at its latest weight");
    b.forget(HierarchyLevel.DAILY, "p");
    assertEquals(0, b.used());
    assertEquals(0, b.entries(HierarchyLevel.DAILY));
  }

  @Test
  void hierarchy_warmedOverBudget_staysWithinIt() throws Exception {
    HierarchyFixture f = new HierarchyFixture(64 * 1024);
    java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 30);
    for (int i = 0; i < 3000; i++) {
      f.put("o" + i, 1 + i % 10, today.minusDays(i % 365).atTime(8 + i % 12, i % 60), 999 + i);
    }
    DateRange year = new DateRange(today.minusDays(364), today);
    for (long s = 1; s <= 10; s++) {
      f.hierarchy.dashboard(HierarchyFixture.store(s), year);
      assertTrue(f.hierarchy.budget().used() <= 64 * 1024);
    }
    assertEquals(
        f.referenceDashboard(3, year), f.hierarchy.dashboard(HierarchyFixture.store(3), year));
    assertTrue(
        f.hierarchy.stats().levels().stream().mapToLong(HierarchyStats.Level::budgetEvictions).sum()
            > 0);
  }
}
