package io.stratacache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.DemoDataApiTest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stores, store dashboards and multi-store diagnosis over HTTP. */
class StoreApiIT extends DemoDataApiTest {

  @Test
  void stores_all() {
    JsonArray stores = http.get("/api/v1/stores").ok().array();
    assertEquals(demo.stores.size(), stores.size());
    assertEquals(demo.stores.get(0).code(), stores.getJsonObject(0).getString("code"));
  }

  @Test
  void dashboard_90days_matchesDemoData() {
    LocalDate to = demo.anchor.minusDays(1);
    LocalDate from = to.minusDays(89);
    JsonObject d = http.get("/api/v1/stores/2/dashboard?from=" + from + "&to=" + to).ok().object();
    JsonArray days = d.getJsonArray("days");
    assertEquals(90, days.size());
    assertEquals(from.toString(), days.getJsonObject(0).getString("date"));
    JsonObject totals = d.getJsonObject("totals");
    assertEquals(
        0, demo.revenue(2, from, to).compareTo(totals.getJsonNumber("revenue").bigDecimalValue()));
    assertEquals(demo.orders(2, from, to), totals.getJsonNumber("orders").longValue());
    LocalDate day = from.plusDays(17);
    JsonObject one = days.getJsonObject(17);
    assertEquals(
        0, demo.revenue(2, day, day).compareTo(one.getJsonNumber("revenue").bigDecimalValue()));
    assertEquals(demo.orders(2, day, day), one.getJsonNumber("orders").longValue());
  }

  @Test
  void dashboard_defaultRange_last30Days() {
    JsonObject d = http.get("/api/v1/stores/1/dashboard").ok().object();
    assertEquals(30, d.getJsonArray("days").size());
  }

  @Test
  void diagnosis_threeStores_totalsRankingTrend() {
    LocalDate to = demo.anchor.minusDays(1);
    LocalDate from = to.minusDays(89);
    JsonObject d =
        http.get("/api/v1/diagnosis?stores=3,1,2&from=" + from + "&to=" + to).ok().object();
    BigDecimal expected = BigDecimal.ZERO;
    for (long s = 1; s <= 3; s++) {
      expected = expected.add(demo.revenue(s, from, to));
    }
    assertEquals(
        0,
        expected.compareTo(d.getJsonObject("totals").getJsonNumber("revenue").bigDecimalValue()));
    JsonArray ranking = d.getJsonArray("ranking");
    assertEquals(3, ranking.size());
    for (int i = 0; i < 3; i++) {
      JsonObject r = ranking.getJsonObject(i);
      assertEquals(i + 1, r.getInt("rank"));
      assertEquals(
          0,
          demo.revenue(r.getJsonNumber("storeId").longValue(), from, to)
              .compareTo(r.getJsonNumber("revenue").bigDecimalValue()));
      if (i > 0) {
        assertTrue(
            ranking
                    .getJsonObject(i - 1)
                    .getJsonNumber("revenue")
                    .bigDecimalValue()
                    .compareTo(r.getJsonNumber("revenue").bigDecimalValue())
                >= 0);
      }
    }
    assertEquals(90, d.getJsonArray("trend").size());
    assertTrue(d.getJsonArray("trend").getJsonObject(0).isNull("revenueChangePercent"));
    assertTrue(d.containsKey("anomalies"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "non-numeric store id      | /api/v1/stores/abc/dashboard",
        "from after to             | /api/v1/stores/1/dashboard?from=2026-03-10&to=2026-03-01",
        "range over 366 days       | /api/v1/stores/1/dashboard?from=2025-01-01&to=2026-01-02",
        "malformed date            | /api/v1/stores/1/dashboard?from=2026-13-01",
        "diagnosis without stores  | /api/v1/diagnosis",
        "diagnosis malformed ids   | /api/v1/diagnosis?stores=1,x,3",
        "diagnosis inverted range  | /api/v1/diagnosis?stores=1,2&from=2026-03-10&to=2026-03-01",
        "diagnosis range too long  | /api/v1/diagnosis?stores=1&from=2024-01-01&to=2026-01-01"
      })
  void badInput_400(String name, String path) {
    http.get(path).error(400);
  }

  @Test
  void unknownStore_404() {
    http.get("/api/v1/stores/9999/dashboard").error(404);
    JsonObject e = http.get("/api/v1/diagnosis?stores=1,9999").error(404);
    assertTrue(e.getString("detail").contains("9999"));
  }
}
