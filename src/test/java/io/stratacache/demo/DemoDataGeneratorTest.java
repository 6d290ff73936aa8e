package io.stratacache.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoDataGeneratorTest {

  static final LocalDate ANCHOR = LocalDate.of(2026, 3, 1);

  /** Keeps the first rows of each table and counts the rest. */
  static final class Capture implements DemoRows.Sink {
    final List<Object> first = new ArrayList<>();
    final Map<String, Integer> counts = new HashMap<>();
    final List<DemoRows.ReportRow> reports = new ArrayList<>();
    final List<DemoRows.OrderRow> orders = new ArrayList<>();
    final List<DemoRows.BrandRow> brands = new ArrayList<>();

    private void keep(String table, Object row) {
      if (counts.merge(table, 1, Integer::sum) <= 20) {
        first.add(row);
      }
    }

    @Override
    public void brand(DemoRows.BrandRow row) {
      keep("brand", row);
      brands.add(row);
    }

    @Override
    public void user(DemoRows.UserRow row) {
      keep("user", row);
    }

    @Override
    public void question(DemoRows.QuestionRow row) {
      keep("question", row);
    }

    @Override
    public void report(DemoRows.ReportRow row) {
      keep("report", row);
      reports.add(row);
    }

    @Override
    public void store(DemoRows.StoreRow row) {
      keep("store", row);
    }

    @Override
    public void order(DemoRows.OrderRow row) {
      keep("order", row);
      orders.add(row);
    }
  }

  static Capture generate(long seed, DemoProfile profile) {
    Capture c = new Capture();
    new DemoDataGenerator(seed, ANCHOR, profile.sizes()).generate(c);
    return c;
  }

  @Test
  void generate_sameSeed_sameRows() {
    assertEquals(generate(7, DemoProfile.SMALL).first, generate(7, DemoProfile.SMALL).first);
  }

  @Test
  void generate_otherSeed_otherRows() {
    assertNotEquals(generate(7, DemoProfile.SMALL).first, generate(8, DemoProfile.SMALL).first);
  }

  @Test
  void generate_small_exactCounts() {
    Capture c = generate(1, DemoProfile.SMALL);
    DemoProfile.Sizes s = DemoProfile.SMALL.sizes();
    assertEquals(s.brands(), c.counts.get("brand"));
    assertEquals(s.users(), c.counts.get("user"));
    assertEquals(s.questions(), c.counts.get("question"));
    assertEquals(s.reports(), c.counts.get("report"));
    assertEquals(s.stores(), c.counts.get("store"));
    assertEquals(s.orders(), c.counts.get("order"));
  }

  @Test
  void generate_timesWithinTheirWindows_idsUnique() {
    Capture c = generate(3, DemoProfile.SMALL);
    DemoProfile.Sizes s = DemoProfile.SMALL.sizes();
    for (DemoRows.OrderRow o : c.orders) {
      assertTrue(o.orderedAt().toLocalDate().isBefore(ANCHOR));
      assertTrue(!o.orderedAt().toLocalDate().isBefore(ANCHOR.minusDays(s.orderDays())));
      assertTrue(o.amount().signum() > 0 && o.items() >= 1);
    }
    for (DemoRows.ReportRow r : c.reports) {
      assertTrue(r.createdAt().isBefore(ANCHOR.atStartOfDay()));
      assertTrue(!r.createdAt().isBefore(ANCHOR.minusDays(s.reportDays()).atStartOfDay()));
    }
    assertEquals(
        c.reports.size(),
        new HashSet<>(c.reports.stream().map(DemoRows.ReportRow::executionId).toList()).size());
    assertEquals(
        c.brands.size(),
        new HashSet<>(c.brands.stream().map(DemoRows.BrandRow::name).toList()).size());
  }

  @Test
  void generate_statusesMixed_scoresOnlyWhenCompleted() {
    Capture c = generate(5, DemoProfile.SMALL);
    Map<String, Integer> statuses = new HashMap<>();
    for (DemoRows.ReportRow r : c.reports) {
      statuses.merge(r.status(), 1, Integer::sum);
      if (r.status().equals("COMPLETED")) {
        assertNotNull(r.score());
        assertTrue(r.score() >= 0 && r.score() <= 100);
        assertNotNull(r.completedAt());
      } else {
        assertNull(r.score());
      }
    }
    assertEquals(4, statuses.size(), statuses.toString());
    assertTrue(statuses.get("COMPLETED") > c.reports.size() / 2);
  }

  @Test
  void generate_brandPopularitySkewed() {
    Capture c = generate(9, DemoProfile.SMALL);
    long top = c.reports.stream().filter(r -> r.brandId() == 1).count();
    long last =
        c.reports.stream().filter(r -> r.brandId() == DemoProfile.SMALL.sizes().brands()).count();
    assertTrue(top > 5 * Math.max(1, last), "top " + top + " vs last " + last);
  }

  @Test
  void parse_profile_caseInsensitive_rejectsOthers() {
    assertEquals(DemoProfile.FULL, DemoProfile.parse(" Full "));
    assertTrue(
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> DemoProfile.parse("huge"))
            .getMessage()
            .contains("DEMO_DATA"));
  }

  @Test
  void full_sizesMeetTheSpecification() {
    DemoProfile.Sizes s = DemoProfile.FULL.sizes();
    assertTrue(s.brands() >= 200 && s.users() >= 1000 && s.questions() >= 500);
    assertTrue(s.reports() >= 20_000 && s.reportDays() == 90);
    assertTrue(s.stores() >= 100 && s.orders() >= 1_000_000 && s.orderDays() == 365);
  }
}
