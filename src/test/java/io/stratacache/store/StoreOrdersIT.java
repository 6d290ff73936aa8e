package io.stratacache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.DemoDataApiTest;
import io.stratacache.testing.Http;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Orders in, and the store hierarchy over HTTP: the next read of a dashboard or diagnosis includes
 * an ingested, back-dated, corrected or cancelled order, retries add nothing twice, bad input is
 * refused whole, and every answer equals the database's. Uses stores 8 to 10 only (other classes
 * compare stores 1 to 3 with the generated demo data).
 */
class StoreOrdersIT extends DemoDataApiTest {

  private Http.Answer send(String method, String path, String body) {
    HttpRequest.BodyPublisher p =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return http.send(
        HttpRequest.newBuilder(http.uri(path))
            .header("Authorization", Auth.admin(http.uri("/")))
            .header("Content-Type", "application/json")
            .method(method, p));
  }

  private static String order(String id, String at, String amount, String channel) {
    return "{\"clientOrderId\":\""
        + id
        + "\",\"orderedAt\":\""
        + at
        + "\",\"amount\":"
        + amount
        + ",\"items\":2,\"channel\":\""
        + channel
        + "\"}";
  }

  private JsonObject dashboard(long store, LocalDate from, LocalDate to) {
    return http.get("/api/v1/stores/" + store + "/dashboard?from=" + from + "&to=" + to)
        .ok()
        .object();
  }

  private void assertEqualsReference(long store, LocalDate from, LocalDate to) {
    String q = "?from=" + from + "&to=" + to;
    String cached = http.get("/api/v1/stores/" + store + "/dashboard" + q).ok().body();
    String reference =
        http.send(
                HttpRequest.newBuilder(
                        http.uri("/api/v1/stores/" + store + "/dashboard/reference" + q))
                    .header("Authorization", Auth.admin(http.uri("/"))))
            .ok()
            .body();
    assertEquals(reference, cached, "dashboard of store " + store + " equals the database's");
  }

  private void assertDiagnosisEqualsReference(String stores, LocalDate from, LocalDate to) {
    String q = "?stores=" + stores + "&from=" + from + "&to=" + to;
    String cached = http.get("/api/v1/diagnosis" + q).ok().body();
    String reference =
        http.send(
                HttpRequest.newBuilder(http.uri("/api/v1/diagnosis/reference" + q))
                    .header("Authorization", Auth.admin(http.uri("/"))))
            .ok()
            .body();
    assertEquals(reference, cached, "diagnosis of " + stores + " equals the database's");
  }

  private static BigDecimal revenue(JsonObject dashboard) {
    return dashboard.getJsonObject("totals").getJsonNumber("revenue").bigDecimalValue();
  }

  private static long orders(JsonObject dashboard) {
    return dashboard.getJsonObject("totals").getJsonNumber("orders").longValue();
  }

  @Test
  void ingest_newAndBackDated_nextReadsIncludeThem_retryAddsNothing() {
    LocalDate today = demo.anchor;
    LocalDate from = today.minusDays(89);
    JsonObject before = dashboard(9, from, today);
    String diagnosisBefore =
        http.get("/api/v1/diagnosis?stores=8,9&from=" + from + "&to=" + today).ok().body();
    String back = today.minusDays(60) + "T10:30:00Z";
    String batch =
        "{\"orders\":["
            + order("it-a-1", today + "T08:00:00Z", "12.50", "IN_STORE")
            + ","
            + order("it-a-2", back, "30.00", "delivery")
            + ","
            + order("it-a-3", today + "T09:15:00+08:00", "7.25", "MINI_PROGRAM")
            + "]}";
    JsonObject r = send("POST", "/api/v1/stores/9/orders", batch).ok().object();
    assertEquals(3, r.getInt("accepted"));
    assertEquals(0, r.getInt("duplicates"));
    JsonObject after = dashboard(9, from, today);
    assertEquals(orders(before) + 3, orders(after));
    assertEquals(0, revenue(before).add(new BigDecimal("49.75")).compareTo(revenue(after)));
    String diagnosisAfter =
        http.get("/api/v1/diagnosis?stores=8,9&from=" + from + "&to=" + today).ok().body();
    assertTrue(!diagnosisAfter.equals(diagnosisBefore), "the diagnosis changed");

    JsonObject retry = send("POST", "/api/v1/stores/9/orders", batch).ok().object();
    assertEquals(0, retry.getInt("accepted"), "a retried batch adds nothing");
    assertEquals(3, retry.getInt("duplicates"));
    assertEquals(orders(after), orders(dashboard(9, from, today)));
    assertEqualsReference(9, from, today);
    assertDiagnosisEqualsReference("8,9", from, today);

    JsonObject day = http.get("/api/v1/stores/9/orders?date=" + today.minusDays(60)).ok().object();
    assertTrue(day.getJsonArray("orders").toString().contains("30.0"), day.toString());
  }

  @Test
  void correctAndCancel_nextReadsFollow_equalToDatabase() {
    LocalDate today = demo.anchor;
    LocalDate from = today.minusDays(30);
    send(
            "POST",
            "/api/v1/stores/10/orders",
            order("it-c-1", today.minusDays(3) + "T12:00:00", "40.00", "PICKUP"))
        .ok();
    JsonObject base = dashboard(10, from, today);
    // Correction: another amount, another day.
    JsonObject c =
        send(
                "PUT",
                "/api/v1/stores/10/orders/it-c-1",
                "{\"orderedAt\":\""
                    + today.minusDays(5)
                    + "T12:00:00\",\"amount\":15.00,\"items\":1,"
                    + "\"channel\":\"PICKUP\"}")
            .ok()
            .object();
    assertEquals(2, c.getJsonArray("days").size());
    JsonObject corrected = dashboard(10, from, today);
    assertEquals(orders(base), orders(corrected));
    assertEquals(0, revenue(base).subtract(new BigDecimal("25.00")).compareTo(revenue(corrected)));
    assertEqualsReference(10, from, today);
    // Cancellation, twice.
    assertEquals(
        "cancelled",
        send("DELETE", "/api/v1/stores/10/orders/it-c-1", null).ok().object().getString("action"));
    assertEquals(
        "unchanged",
        send("DELETE", "/api/v1/stores/10/orders/it-c-1", null).ok().object().getString("action"));
    JsonObject cancelled = dashboard(10, from, today);
    assertEquals(orders(base) - 1, orders(cancelled));
    assertEqualsReference(10, from, today);
    assertDiagnosisEqualsReference("8,9,10", from, today);
    // A cancelled order cannot be corrected; an unknown one is 404.
    send(
            "PUT",
            "/api/v1/stores/10/orders/it-c-1",
            order("it-c-1", today + "T01:00:00", "1.00", "PICKUP"))
        .error(409);
    send("DELETE", "/api/v1/stores/10/orders/nobody", null).error(404);
  }

  @Test
  void answers_equalDatabase_overAYear() {
    LocalDate today = demo.anchor;
    assertEqualsReference(8, today.minusDays(364), today);
    assertDiagnosisEqualsReference("8,9,10", today.minusDays(364), today);
    assertDiagnosisEqualsReference("1,2,3,4,5,6,7,8,9,10", today.minusDays(90), today.minusDays(1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "negative amount   | 400 | orders[1].amount must not be negative | {\"orders\":[ORDER_OK,{\"clientOrderId\":\"b2\",\"orderedAt\":\"2026-01-01T00:00:00Z\",\"amount\":-1,\"channel\":\"IN_STORE\"}]}",
        "unknown channel   | 400 | orders[0].channel must be one of      | {\"orders\":[{\"clientOrderId\":\"b1\",\"orderedAt\":\"2026-01-01T00:00:00Z\",\"amount\":1,\"channel\":\"FAX\"}]}",
        "malformed time    | 400 | orderedAt must be an ISO date-time    | {\"clientOrderId\":\"b1\",\"orderedAt\":\"yesterday\",\"amount\":1,\"channel\":\"IN_STORE\"}",
        "far-future time   | 400 | more than 24 hours in the future      | {\"clientOrderId\":\"b1\",\"orderedAt\":\"2999-01-01T00:00:00Z\",\"amount\":1,\"channel\":\"IN_STORE\"}",
        "unknown member    | 400 | price                                 | {\"clientOrderId\":\"b1\",\"orderedAt\":\"2026-01-01T00:00:00Z\",\"price\":1,\"channel\":\"IN_STORE\"}",
        "missing id        | 400 | clientOrderId                         | {\"orderedAt\":\"2026-01-01T00:00:00Z\",\"amount\":1,\"channel\":\"IN_STORE\"}",
        "three decimals    | 400 | two decimals                          | {\"clientOrderId\":\"b1\",\"orderedAt\":\"2026-01-01T00:00:00Z\",\"amount\":1.005,\"channel\":\"IN_STORE\"}",
        "empty batch       | 400 | orders must hold                      | {\"orders\":[]}",
        "not json          | 400 | ''                                    | {not json",
      })
  void badInput_refusedWhole_nothingRecorded(String name, int status, String detail, String body) {
    LocalDate today = demo.anchor;
    String ok = order("bad-ok-" + name.replace(' ', '-'), today + "T01:00:00Z", "5.00", "IN_STORE");
    JsonObject before = dashboard(8, today, today);
    JsonObject e =
        send("POST", "/api/v1/stores/8/orders", body.replace("ORDER_OK", ok)).error(status);
    assertTrue(e.getString("detail").contains(detail), e.toString());
    assertEquals(orders(before), orders(dashboard(8, today, today)), "nothing recorded");
  }

  @Test
  void badInput_unknownStore404_tooManyOrders_unauthenticated401() {
    send("POST", "/api/v1/stores/9999/orders", order("x", "2026-01-01T00:00:00Z", "1", "IN_STORE"))
        .error(404);
    JsonArrayBuilder many = Json.createArrayBuilder();
    for (int i = 0; i < 10_001; i++) {
      many.add(
          Json.createObjectBuilder()
              .add("clientOrderId", "m" + i)
              .add("orderedAt", "2026-01-01T00:00:00Z")
              .add("amount", 1)
              .add("channel", "IN_STORE"));
    }
    JsonObject e =
        send(
                "POST",
                "/api/v1/stores/8/orders",
                Json.createObjectBuilder().add("orders", many).build().toString())
            .error(400);
    assertTrue(e.getString("detail").contains("at most 10000"), e.toString());
    Http.Answer anonymous =
        http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/stores/8/orders"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        order("y", "2026-01-01T00:00:00Z", "1", "IN_STORE"))));
    assertEquals(401, anonymous.status());
  }

  @Test
  void stats_levelsBudgetAndCompression_alsoInMetrics() {
    LocalDate today = demo.anchor;
    dashboard(8, today.minusDays(40), today);
    dashboard(8, today.minusDays(40), today);
    http.get("/api/v1/stores/8/profile?from=" + today.minusDays(40) + "&to=" + today).ok();
    JsonObject s = http.get("/api/v1/stores/cache/stats").ok().object();
    assertEquals(4, s.getJsonArray("levels").size());
    JsonObject l1 = s.getJsonArray("levels").getJsonObject(0);
    assertEquals("store-orders", l1.getString("cache"));
    assertTrue(l1.getJsonNumber("entries").longValue() > 0, s.toString());
    assertEquals(86_400, l1.getJsonNumber("nearTtlSeconds").longValue());
    JsonObject l4 = s.getJsonArray("levels").getJsonObject(3);
    assertTrue(l4.getJsonNumber("hits").longValue() > 0, "the second dashboard hit level 4");
    JsonObject budget = s.getJsonObject("budget");
    assertTrue(budget.getJsonNumber("usedBytes").longValue() > 0);
    assertTrue(
        budget.getJsonNumber("usedBytes").longValue() <= budget.getJsonNumber("bytes").longValue());
    assertTrue(
        s.getJsonObject("compression").getJsonNumber("savedPercent").doubleValue() > 30,
        s.toString());
    String metrics = http.get("/metrics").body();
    assertTrue(
        metrics.contains("stratacache_store_hierarchy_bytes"), "hierarchy bytes in /metrics");
    assertTrue(metrics.contains("stratacache_store_hierarchy_budget_used_bytes"));
  }
}
