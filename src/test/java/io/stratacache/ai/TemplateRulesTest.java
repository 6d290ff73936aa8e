package io.stratacache.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.platform.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateRulesTest {

  static final List<TemplateSection> ONE = List.of(new TemplateSection("a", "A", "say {{x}}"));

  static TemplateRequest request(String id, Double temperature, List<TemplateSection> sections) {
    return new TemplateRequest(
        id, "N", "sys", null, temperature, null, null, null, null, null, sections);
  }

  static Template apply(TemplateRequest r) {
    return TemplateRules.toTemplate(r.id(), 1, r, Duration.ofHours(1), Instant.EPOCH);
  }

  @Test
  void toTemplate_valid_defaultsTtl() {
    Template t = apply(request("t_1", null, ONE));
    assertEquals(3600, t.ttlSeconds());
    assertEquals("A", t.section("a").orElseThrow().title());
  }

  @Test
  void toTemplate_refusals() {
    assertThrows(InvalidInputException.class, () -> apply(request("Bad Id", null, ONE)));
    assertThrows(InvalidInputException.class, () -> apply(request("t", 2.5, ONE)));
    assertThrows(InvalidInputException.class, () -> apply(request("t", null, List.of())));
    assertThrows(
        InvalidInputException.class,
        () ->
            apply(
                request(
                    "t",
                    null,
                    List.of(
                        new TemplateSection("a", "A", "p"), new TemplateSection("a", "B", "q")))));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                apply(
                    new TemplateRequest(
                        "t", "N", "hi {{x}}", null, null, null, null, null, null, null, ONE)));
    assertTrue(e.getMessage().contains("system_prompt"));
    assertThrows(
        InvalidInputException.class,
        () ->
            apply(new TemplateRequest("t", "N", "", null, null, null, null, null, 0L, null, ONE)));
    assertThrows(
        InvalidInputException.class,
        () ->
            apply(
                new TemplateRequest(
                    "t", "N", "", null, null, null, null, null, null, "other", ONE)));
  }
}
