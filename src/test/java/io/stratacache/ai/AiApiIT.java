package io.stratacache.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Http;
import io.stratacache.testing.ServerTest;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The AI endpoints on the standard test server, which has no {@code OPENAI_API_KEY}: the mock
 * answers and says so, answers are cached, callers must authenticate, and every bad input is a 4xx
 * that caches nothing.
 */
class AiApiIT extends ServerTest {

  static final String SEED_BODY =
      "{\"template_id\":\"emergency_plan\",\"section_id\":\"2\",\"data\":{\"enterprise_info\":{"
          + "\"enterprise_name\":\"NAME\",\"industry_type\":\"化工制造\",\"address\":\"北京市朝阳区\","
          + "\"main_products\":\"化工产品\",\"employees_count\":100}}}";

  Http.Answer post(String path, String body, String authorization) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return http.send(r);
  }

  Http.Answer generate(String body) {
    return post("/api/ai/generate", body, Auth.admin(base));
  }

  JsonObject stats() {
    return http.send(
            HttpRequest.newBuilder(http.uri("/api/ai/cache/stats"))
                .header("Authorization", Auth.admin(base))
                .GET())
        .ok()
        .object()
        .getJsonObject("stats");
  }

  static String name() {
    return "测试企业-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void generate_mockWithoutKey_saysSoAndCaches() {
    String body = SEED_BODY.replace("NAME", name());
    JsonObject first = generate(body).ok().object();
    assertTrue(first.getBoolean("success"));
    assertFalse(first.getBoolean("cached"));
    assertEquals("mock", first.getString("model"));
    assertEquals("企业概况", first.getString("section_title"));
    assertTrue(first.getString("content").startsWith(MockGenerator.MARK), first.toString());
    assertTrue(first.getJsonObject("usage").getInt("prompt_tokens") > 0);
    assertEquals(1, first.getInt("template_version"));
    JsonObject second =
        generate(body.replace("\"employees_count\":100", "\"employees_count\": 100.0 "))
            .ok()
            .object();
    assertTrue(second.getBoolean("cached"), "same data, other formatting: " + second);
    assertEquals(first.getString("content"), second.getString("content"));
    assertEquals("mock", stats().getString("generator"));
  }

  @Test
  void generate_brandDiagnosis_fedByBrandStatistics() {
    String brand =
        http.get("/api/v1/brands?limit=1").ok().array().getJsonObject(0).getString("name");
    JsonObject a =
        generate(
                "{\"template_id\":\"brand_diagnosis\",\"section_id\":\"summary\",\"data\":{\"brand\":\""
                    + brand
                    + "\"}}")
            .ok()
            .object();
    assertTrue(a.getString("content").contains(brand), a.toString());
    generate(
            "{\"template_id\":\"brand_diagnosis\",\"section_id\":\"summary\",\"data\":{\"brand\":\"No"
                + " Such Brand\"}}")
        .error(404);
    JsonObject missing =
        generate(
                "{\"template_id\":\"brand_diagnosis\",\"section_id\":\"actions\",\"data\":{\"brand\":\""
                    + brand
                    + "\"}}")
            .error(400);
    assertTrue(missing.getString("detail").contains("focus"), missing.toString());
  }

  @Test
  void auth_anonymousRefused_adminAccepted() {
    String body = SEED_BODY.replace("NAME", name());
    assertEquals(401, post("/api/ai/generate", body, null).status());
    assertEquals(401, post("/api/ai/generate", body, "Bearer wrong").status());
    assertEquals(401, http.get("/api/ai/cache/stats").status());
    assertEquals(401, http.get("/api/ai/templates").status());
    assertEquals(
        401, http.send(HttpRequest.newBuilder(http.uri("/api/ai/cache")).DELETE()).status());
    assertEquals(
        200,
        http.send(
                HttpRequest.newBuilder(http.uri("/api/ai/templates"))
                    .header("Authorization", Auth.admin(base))
                    .GET())
            .status());
  }

  @Test
  void auth_userToken_generatesButCannotAdminister() {
    String user = Auth.user(base, 1);
    JsonObject a = post("/api/ai/generate", SEED_BODY.replace("NAME", name()), user).ok().object();
    assertFalse(a.getBoolean("cached"));
    assertEquals(
        200,
        http.send(
                HttpRequest.newBuilder(http.uri("/api/ai/cache/stats"))
                    .header("Authorization", user)
                    .GET())
            .status());
    assertEquals(
        403,
        http.send(
                HttpRequest.newBuilder(http.uri("/api/ai/templates"))
                    .header("Authorization", user)
                    .GET())
            .status());
    assertEquals(
        403,
        http.send(
                HttpRequest.newBuilder(http.uri("/api/ai/cache"))
                    .header("Authorization", user)
                    .DELETE())
            .status());
  }

  @Test
  void badInput_4xxAndNothingCached() {
    long sets = stats().getJsonNumber("sets").longValue();
    long errors = stats().getJsonNumber("errors").longValue();
    assertEquals("malformed_json", generate("{\"template_id\":").error(400).getString("error"));
    assertEquals(
        "not_found",
        generate(SEED_BODY.replace("emergency_plan", "nope")).error(404).getString("error"));
    JsonObject section =
        generate(SEED_BODY.replace("\"section_id\":\"2\"", "\"section_id\":\"99\"")).error(404);
    assertTrue(section.getString("detail").contains("1, 2, 3, 4, 5"), section.toString());
    JsonObject missing = generate(SEED_BODY.replace("\"address\":\"北京市朝阳区\",", "")).error(400);
    assertTrue(missing.getString("detail").contains("enterprise_info.address"), missing.toString());
    generate("{\"template_id\":\"emergency_plan\",\"section_id\":\"2\",\"data\":[1]}").error(400);
    generate("{\"template_id\":\"emergency_plan\",\"section_id\":\"2\"}").error(400);
    generate(SEED_BODY.replace("\"data\"", "\"extra\":1,\"data\"")).error(400);
    String big = "x".repeat(70_000);
    assertEquals(413, generate(SEED_BODY.replace("NAME", big)).status());
    assertEquals(sets, stats().getJsonNumber("sets").longValue(), "nothing was cached");
    assertEquals(errors, stats().getJsonNumber("errors").longValue(), "bad input is no error");
  }

  @Test
  void templates_createRefusesBadOnes_deleteCacheOfOneTemplate() {
    String admin = Auth.admin(base);
    assertEquals(
        400,
        post("/api/ai/templates", "{\"id\":\"Bad Id\",\"name\":\"x\",\"sections\":[]}", admin)
            .status());
    assertEquals(
        400,
        post(
                "/api/ai/templates",
                "{\"id\":\"t1\",\"name\":\"x\",\"temperature\":3,\"sections\":[{\"id\":\"a\","
                    + "\"title\":\"A\",\"prompt\":\"p\"}]}",
                admin)
            .status());
    JsonObject template =
        http.send(
                HttpRequest.newBuilder(http.uri("/api/ai/templates/emergency_plan"))
                    .header("Authorization", admin)
                    .GET())
            .ok()
            .object();
    assertEquals(5, template.getJsonArray("sections").size());
    String body = SEED_BODY.replace("NAME", name());
    generate(body).ok();
    assertTrue(generate(body).ok().object().getBoolean("cached"));
    assertEquals(
        200,
        http.send(
                HttpRequest.newBuilder(http.uri("/api/ai/cache?template_id=emergency_plan"))
                    .header("Authorization", admin)
                    .DELETE())
            .status());
    assertFalse(generate(body).ok().object().getBoolean("cached"), "dropped");
    assertEquals(
        404,
        http.send(
                HttpRequest.newBuilder(http.uri("/api/ai/cache?template_id=nope"))
                    .header("Authorization", admin)
                    .DELETE())
            .status());
  }
}
