package io.stratacache.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.demo.DemoRows;
import io.stratacache.testing.DemoDataApiTest;
import io.stratacache.testing.Http;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Brand list and brand statistics over HTTP, checked against the regenerated demo data. */
class BrandApiIT extends DemoDataApiTest {

  @Test
  void brands_limit_mostReportedFirstWithExactCounts() {
    JsonArray brands = http.get("/api/v1/brands?limit=5").ok().array();
    assertEquals(5, brands.size());
    long previous = Long.MAX_VALUE;
    for (JsonValue v : brands) {
      JsonObject b = v.asJsonObject();
      long count = b.getJsonNumber("reportCount").longValue();
      assertTrue(count <= previous, "ordered by report count");
      previous = count;
      long expected =
          demo.reports.stream()
              .filter(r -> r.brandId() == b.getJsonNumber("id").longValue())
              .count();
      assertEquals(expected, count, b.getString("name"));
    }
    assertEquals(demo.brands.size(), http.get("/api/v1/brands?limit=1000").ok().array().size());
  }

  @Test
  void stats_knownBrand_matchesDemoData() {
    DemoRows.BrandRow brand = demo.brands.get(0);
    JsonObject stats =
        http.get("/api/v1/brands/" + Http.segment(brand.name()) + "/stats").ok().object();
    assertEquals(brand.name(), stats.getString("brand"));
    assertEquals(brand.category(), stats.getString("category"));
    Map<String, Long> mix = demo.statusMix(brand.id());
    long total = mix.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(total, stats.getJsonNumber("reportCount").longValue());
    for (String status : new String[] {"PENDING", "RUNNING", "COMPLETED", "FAILED"}) {
      assertEquals(
          mix.getOrDefault(status, 0L).longValue(),
          stats.getJsonObject("statusMix").getJsonNumber(status).longValue(),
          status);
    }
    assertEquals(
        demo.averageScore(brand.id()), stats.getJsonNumber("averageScore").doubleValue(), 0.01);

    JsonArray trend = stats.getJsonArray("trend");
    assertEquals(30, trend.size());
    LocalDate today = LocalDate.parse(trend.getJsonObject(29).getString("date"));
    LocalDate first = today.minusDays(29);
    assertEquals(first.toString(), trend.getJsonObject(0).getString("date"));
    long inTrend =
        trend.stream().mapToLong(v -> v.asJsonObject().getJsonNumber("reports").longValue()).sum();
    long expected =
        demo.reports.stream()
            .filter(r -> r.brandId() == brand.id() && !r.createdAt().toLocalDate().isBefore(first))
            .count();
    assertEquals(expected, inTrend, "reports in the last 30 days");
  }

  @Test
  void stats_unknownBrand_404() {
    http.get("/api/v1/brands/" + Http.segment("No Such Brand") + "/stats").error(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-5", "abc", "2.5"})
  void brands_badLimit_400(String limit) {
    JsonObject error = http.get("/api/v1/brands?limit=" + limit).error(400);
    assertTrue(error.getString("detail").contains("limit"), error.toString());
  }
}
