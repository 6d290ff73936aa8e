package io.stratacache.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class AnswerKeyTest {

  static final GenerationParameters PARAMS =
      new GenerationParameters("http://127.0.0.1/v1", "gpt-x", 0.7, 1024, null, null);

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  static String key(String data) {
    return AnswerKey.of("emergency_plan", 1, "2", json(data), PARAMS);
  }

  @Test
  void of_reorderedMembers_sameKey() {
    assertEquals(
        key("{\"a\":1,\"b\":{\"x\":\"y\",\"z\":[1,2]}}"),
        key("{\"b\":{\"z\":[1,2],\"x\":\"y\"},\"a\":1}"));
  }

  @Test
  void of_whitespaceBetweenTokensAndAroundValues_sameKey() {
    assertEquals(
        key("{\"a\":1,\"name\":\"测试企业\"}"), key("{ \"a\" :   1 ,\n\t\"name\":   \"  测试企业 \"  }"));
  }

  @Test
  void of_spacesInsideAString_differentKey() {
    assertNotEquals(key("{\"address\":\"北京市 朝阳区\"}"), key("{\"address\":\"北京市  朝阳区\"}"));
  }

  @Test
  void of_numberFormatting_sameKey() {
    assertEquals(key("{\"n\":100}"), key("{\"n\":100.0}"));
    assertEquals(key("{\"n\":100}"), key("{\"n\":1e2}"));
    assertEquals(key("{\"n\":0.5}"), key("{\"n\":5E-1}"));
    assertEquals(key("{\"n\":0}"), key("{\"n\":-0.0}"));
    assertNotEquals(key("{\"n\":100}"), key("{\"n\":\"100\"}"), "a string is not a number");
    assertNotEquals(key("{\"n\":100}"), key("{\"n\":101}"));
  }

  @Test
  void of_arrayOrder_differentKey() {
    assertNotEquals(key("{\"a\":[1,2]}"), key("{\"a\":[2,1]}"));
  }

  @Test
  void of_everyParameter_changesKey() {
    JsonObject data = json("{\"a\":1}");
    String base = AnswerKey.of("t", 1, "s", data, PARAMS);
    GenerationParameters[] changed = {
      new GenerationParameters("http://other/v1", "gpt-x", 0.7, 1024, null, null),
      new GenerationParameters("http://127.0.0.1/v1", "gpt-y", 0.7, 1024, null, null),
      new GenerationParameters("http://127.0.0.1/v1", "gpt-x", 0.2, 1024, null, null),
      new GenerationParameters("http://127.0.0.1/v1", "gpt-x", 0.7, 512, null, null),
      new GenerationParameters("http://127.0.0.1/v1", "gpt-x", 0.7, 1024, 0.9, null),
      new GenerationParameters("http://127.0.0.1/v1", "gpt-x", 0.7, 1024, null, 42L),
    };
    for (GenerationParameters p : changed) {
      assertNotEquals(base, AnswerKey.of("t", 1, "s", data, p), p.toString());
    }
    assertEquals(
        base,
        AnswerKey.of(
            "t",
            1,
            "s",
            data,
            new GenerationParameters("http://127.0.0.1/v1", "gpt-x", 0.70, 1024, null, null)));
  }

  @Test
  void of_newTemplateVersionOrSectionOrTemplate_differentKey() {
    JsonObject data = json("{\"a\":1}");
    String v1 = AnswerKey.of("t", 1, "s", data, PARAMS);
    assertNotEquals(v1, AnswerKey.of("t", 2, "s", data, PARAMS));
    assertNotEquals(v1, AnswerKey.of("t", 1, "s2", data, PARAMS));
    assertNotEquals(v1, AnswerKey.of("t2", 1, "s", data, PARAMS));
  }

  @Test
  void of_keyStartsWithTemplatePrefixAndVersion() {
    String k = AnswerKey.of("emergency_plan", 3, "2", json("{}"), PARAMS);
    assertTrue(k.startsWith("ai:emergency_plan:v3:"), k);
    assertTrue(k.length() <= io.stratacache.cache.TieredCache.MAX_KEY_LENGTH);
  }

  @Test
  void canonical_escapesAndSortsDeterministically() {
    assertEquals(
        "{\"a\":\"x\\\"y\\nz\",\"b\":[true,false,null],\"c\":1.5}",
        CanonicalJson.of(json("{\"c\":1.50,\"b\":[true,false,null],\"a\":\"x\\\"y\\nz\"}")));
  }
}
