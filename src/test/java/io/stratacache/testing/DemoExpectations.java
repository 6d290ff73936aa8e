package io.stratacache.testing;

import io.stratacache.demo.DemoDataGenerator;
import io.stratacache.demo.DemoProfile;
import io.stratacache.demo.DemoRows;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo data set the server generated, regenerated in memory from the seed and anchor date that
 * its health check reports, so integration tests can compare every aggregate the API computes in
 * SQL against the same figures computed here in Java.
 */
public final class DemoExpectations implements DemoRows.Sink {

  public final List<DemoRows.BrandRow> brands = new ArrayList<>();
  public final List<DemoRows.UserRow> users = new ArrayList<>();
  public final List<DemoRows.QuestionRow> questions = new ArrayList<>();
  public final List<DemoRows.ReportRow> reports = new ArrayList<>();
  public final List<DemoRows.StoreRow> stores = new ArrayList<>();

  /** Revenue and order count per store id and day. */
  public final Map<Long, TreeMap<LocalDate, long[]>> sales = new HashMap<>();

  public final LocalDate anchor;

  private DemoExpectations(LocalDate anchor) {
    this.anchor = anchor;
  }

  /** Regenerates the small profile described by the {@code demo-data} health check's data. */
  public static DemoExpectations of(JsonObject demoHealthData) {
    long seed = Long.parseLong(demoHealthData.getString("seed"));
    LocalDate anchor = LocalDate.parse(demoHealthData.getString("anchorDate"));
    DemoProfile profile = DemoProfile.parse(demoHealthData.getString("profile"));
    DemoExpectations e = new DemoExpectations(anchor);
    new DemoDataGenerator(seed, anchor, profile.sizes()).generate(e);
    return e;
  }

  @Override
  public void brand(DemoRows.BrandRow row) {
    brands.add(row);
  }

  @Override
  public void user(DemoRows.UserRow row) {
    users.add(row);
  }

  @Override
  public void question(DemoRows.QuestionRow row) {
    questions.add(row);
  }

  @Override
  public void report(DemoRows.ReportRow row) {
    reports.add(row);
  }

  @Override
  public void store(DemoRows.StoreRow row) {
    stores.add(row);
  }

  @Override
  public void order(DemoRows.OrderRow row) {
    long[] day =
        sales
            .computeIfAbsent(row.storeId(), k -> new TreeMap<>())
            .computeIfAbsent(row.orderedAt().toLocalDate(), k -> new long[2]);
    day[0] += row.amount().movePointRight(2).longValueExact();
    day[1]++;
  }

  /** Revenue of one store over an inclusive range, in currency units with two decimals. */
  public BigDecimal revenue(long storeId, LocalDate from, LocalDate to) {
    long cents = 0;
    for (long[] d :
        sales.getOrDefault(storeId, new TreeMap<>()).subMap(from, true, to, true).values()) {
      cents += d[0];
    }
    return BigDecimal.valueOf(cents, 2);
  }

  /** Orders of one store over an inclusive range. */
  public long orders(long storeId, LocalDate from, LocalDate to) {
    long n = 0;
    for (long[] d :
        sales.getOrDefault(storeId, new TreeMap<>()).subMap(from, true, to, true).values()) {
      n += d[1];
    }
    return n;
  }

  /** Reports of one brand id, by status name. */
  public Map<String, Long> statusMix(long brandId) {
    Map<String, Long> mix = new HashMap<>();
    for (DemoRows.ReportRow r : reports) {
      if (r.brandId() == brandId) {
        mix.merge(r.status(), 1L, Long::sum);
      }
    }
    return mix;
  }

  /** Mean score of a brand's completed reports. */
  public double averageScore(long brandId) {
    return reports.stream()
        .filter(r -> r.brandId() == brandId && r.score() != null)
        .mapToInt(DemoRows.ReportRow::score)
        .average()
        .orElseThrow();
  }
}
