package io.stratacache.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.demo.DemoRows;
import io.stratacache.testing.Auth;
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

  /** The prefix of every brand, user and question the write tests create. */
  static final String WRITTEN = "it-";

  static String unique(String what) {
    return WRITTEN + what + "-" + Long.toString(System.nanoTime(), 36);
  }

  @Test
  void create_newBrand_listsStatsAndBrandAnswerItOnTheNextRead() {
    String name = unique("brand");
    String path = "/api/v1/brands/" + Http.segment(name);
    http.get(path + "/stats").error(404);
    http.get(path).error(404);
    http.get("/api/v1/brands?limit=1000").ok();
    Http.Answer created =
        http.json(
            "POST",
            "/api/v1/brands",
            "{\"name\":\"" + name + "\",\"category\":\"Tea\"}",
            Auth.admin(base));
    assertEquals(201, created.status(), created.body());
    assertEquals("Tea", created.object().getString("category"));
    assertEquals("Tea", http.get(path).ok().object().getString("category"));
    JsonObject stats = http.get(path + "/stats").ok().object();
    assertEquals(0, stats.getJsonNumber("reportCount").longValue());
    assertTrue(
        http.get("/api/v1/brands?limit=1000").ok().array().stream()
            .anyMatch(v -> v.asJsonObject().getString("name").equals(name)),
        "the cached brand list was dropped");
  }

  @Test
  void create_badInput_refusedAndNothingChanged() {
    String name = unique("bad");
    String admin = Auth.admin(base);
    http.json("POST", "/api/v1/brands", "{\"name\":\"" + name + "\"", admin).error(400);
    http.json("POST", "/api/v1/brands", "{\"name\":\"" + name + "\"}", admin).error(400);
    http.json(
            "POST",
            "/api/v1/brands",
            "{\"name\":\"" + name + "\",\"category\":\"x\",\"color\":\"red\"}",
            admin)
        .error(400);
    http.json("POST", "/api/v1/brands", "{\"name\":\"\",\"category\":\"x\"}", admin).error(400);
    String body = "{\"name\":\"" + name + "\",\"category\":\"x\"}";
    http.json("POST", "/api/v1/brands", body, null).error(401);
    http.json("POST", "/api/v1/brands", body, Auth.user(base, 1)).error(403);
    http.get("/api/v1/brands/" + Http.segment(name)).error(404);
    String taken = demo.brands.get(0).name();
    http.json(
            "POST", "/api/v1/brands", "{\"name\":\"" + taken + "\",\"category\":\"Other\"}", admin)
        .error(409);
    assertEquals(
        demo.brands.get(0).category(),
        http.get("/api/v1/brands/" + Http.segment(taken)).ok().object().getString("category"));
  }

  @Test
  void change_category_brandStatsAndListAnswerTheNewValue() {
    String name = unique("change");
    String admin = Auth.admin(base);
    String path = "/api/v1/brands/" + Http.segment(name);
    assertEquals(
        201,
        http.json(
                "POST", "/api/v1/brands", "{\"name\":\"" + name + "\",\"category\":\"Old\"}", admin)
            .status());
    assertEquals("Old", http.get(path).ok().object().getString("category"));
    assertEquals("Old", http.get(path + "/stats").ok().object().getString("category"));
    assertEquals("Old", listed(name));
    JsonObject changed = http.json("PUT", path, "{\"category\":\"New\"}", admin).ok().object();
    assertEquals("New", changed.getString("category"));
    assertEquals("New", http.get(path).ok().object().getString("category"));
    assertEquals("New", http.get(path + "/stats").ok().object().getString("category"));
    assertEquals("New", listed(name));

    http.json("PUT", path, "{\"category\":\"\"}", admin).error(400);
    http.json("PUT", path, "{\"category\":7}", admin).error(400);
    http.json("PUT", path, "{\"category\":\"Z\"}", Auth.user(base, 1)).error(403);
    http.json(
            "PUT", "/api/v1/brands/" + Http.segment(unique("none")), "{\"category\":\"Z\"}", admin)
        .error(404);
    assertEquals(
        "New", http.get(path).ok().object().getString("category"), "refusals changed nothing");
  }

  @Test
  void change_throughTheResponseCache_nextReadIsTheNewValue() throws Exception {
    String admin = Auth.admin(base);
    String rule =
        "{\"pattern\":\"/api/v1/brands/{name}/stats\",\"ttlSeconds\":300,"
            + "\"tags\":[\"stats\",\"brand:{name}\"],\"staleWhileRevalidateSeconds\":60,"
            + "\"staleIfErrorSeconds\":600,\"enabled\":%s}";
    http.json("PUT", "/api/v1/cache/rules/brand-stats", String.format(rule, "true"), admin).ok();
    try {
      String name = unique("resp");
      String path = "/api/v1/brands/" + Http.segment(name) + "/stats";
      http.json("POST", "/api/v1/brands", "{\"name\":\"" + name + "\",\"category\":\"A\"}", admin);
      long deadline = System.currentTimeMillis() + 5_000;
      String seen = xcache(path);
      while (!seen.equals("HIT") && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
        seen = xcache(path);
      }
      assertEquals("HIT", seen, "the rule serves the stats from the response cache");
      http.json("PUT", "/api/v1/brands/" + Http.segment(name), "{\"category\":\"B\"}", admin).ok();
      assertEquals("B", http.get(path).ok().object().getString("category"));
      assertEquals("HIT", xcache(path), "cached again after the miss");
    } finally {
      http.json("PUT", "/api/v1/cache/rules/brand-stats", String.format(rule, "false"), admin).ok();
    }
  }

  private String xcache(String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(http.uri(path)).GET().build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .headers()
        .firstValue("X-Cache")
        .orElse("none");
  }

  private String listed(String name) {
    return http.get("/api/v1/brands?limit=1000").ok().array().stream()
        .map(JsonValue::asJsonObject)
        .filter(b -> b.getString("name").equals(name))
        .map(b -> b.getString("category"))
        .findFirst()
        .orElse(null);
  }

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
    long demoBrands =
        http.get("/api/v1/brands?limit=1000").ok().array().stream()
            .filter(v -> !v.asJsonObject().getString("name").startsWith(WRITTEN))
            .count();
    assertEquals(demo.brands.size(), demoBrands, "brands created by the write tests excepted");
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
