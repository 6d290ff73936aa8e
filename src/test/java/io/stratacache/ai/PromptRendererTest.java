package io.stratacache.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

class PromptRendererTest {

  static final String SEED_DATA =
      "{\"enterprise_info\":{\"enterprise_name\":\"测试企业\",\"industry_type\":\"化工制造\","
          + "\"address\":\"北京市朝阳区\",\"main_products\":\"化工产品\",\"employees_count\":100}}";

  @Test
  void render_seedExample_fillsEveryPlaceholder() {
    String out =
        PromptRenderer.render(
            "企业名称 {{enterprise_info.enterprise_name}}；从业人员 {{ enterprise_info.employees_count }} 人",
            AnswerKeyTest.json(SEED_DATA),
            "section 2");
    assertEquals("企业名称 测试企业；从业人员 100 人", out);
  }

  @Test
  void render_valuesByType() {
    String out =
        PromptRenderer.render(
            "{{n}}|{{b}}|{{o}}|{{a.1}}|{{s}}",
            AnswerKeyTest.json(
                "{\"n\":1.50,\"b\":true,\"o\":{\"y\":2,\"x\":1},\"a\":[\"p\",\"q\"],\"s\":\" t \"}"),
            "t");
    assertEquals("1.5|true|{\"x\":1,\"y\":2}|q|t", out);
  }

  @Test
  void render_missingNullOrEmptyFields_refusedNamingEach() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                PromptRenderer.render(
                    "{{a}} {{b.c}} {{d}} {{e}} {{a}} {{f.0}}",
                    AnswerKeyTest.json("{\"a\":1,\"b\":{},\"d\":null,\"e\":\"  \",\"f\":[]}"),
                    "section 2 of emergency_plan"));
    assertEquals(
        "data is missing the fields b.c, d, e, f.0 required by section 2 of emergency_plan",
        e.getMessage());
  }

  @Test
  void render_pathThroughAScalar_missing() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> PromptRenderer.render("{{a.b}}", AnswerKeyTest.json("{\"a\":\"x\"}"), "s"));
    assertTrue(e.getMessage().contains("the field a.b"), e.getMessage());
  }

  @Test
  void render_valueWithDollarAndBackslash_insertedLiterally() {
    assertEquals(
        "cost $1 \\n",
        PromptRenderer.render("cost {{v}}", AnswerKeyTest.json("{\"v\":\"$1 \\\\n\"}"), "s"));
  }

  @Test
  void fields_listsPlaceholdersOnce() {
    assertEquals(
        java.util.List.of("a", "b.c"),
        java.util.List.copyOf(PromptRenderer.fields("{{a}} {{b.c}} {{a}} {not} {{ }}")));
  }
}
