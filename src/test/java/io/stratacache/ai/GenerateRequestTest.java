package io.stratacache.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.JsonRequests;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GenerateRequestTest {

  static GenerateRequest bind(String json) {
    return JsonRequests.bind(json.getBytes(StandardCharsets.UTF_8), GenerateRequest.class);
  }

  @Test
  void bind_seedBody() {
    GenerateRequest r =
        bind(
            "{\"template_id\":\"emergency_plan\",\"section_id\":\"2\",\"data\":{\"enterprise_info\":"
                + "{\"employees_count\":100}}}");
    assertEquals("emergency_plan", r.template_id());
    assertEquals(100, r.data().getJsonObject("enterprise_info").getInt("employees_count"));
  }

  @Test
  void bind_dataNotAnObject_orUnknownMember_refused() {
    assertThrows(
        InvalidInputException.class,
        () -> bind("{\"template_id\":\"t\",\"section_id\":\"2\",\"data\":[1]}"));
    assertThrows(
        InvalidInputException.class,
        () -> bind("{\"template_id\":\"t\",\"section_id\":\"2\",\"data\":\"x\"}"));
    assertThrows(
        InvalidInputException.class,
        () -> bind("{\"template_id\":\"t\",\"section_id\":\"2\",\"extra\":1,\"data\":{}}"));
    assertThrows(
        InvalidInputException.class,
        () -> bind("{\"template_id\":5,\"section_id\":\"2\",\"data\":{}}"));
  }

  @Test
  void bind_templateRequestWithSections() {
    TemplateRequest r =
        JsonRequests.bind(
            ("{\"id\":\"t\",\"name\":\"n\",\"sections\":[{\"id\":\"a\",\"title\":\"A\",\"prompt\":\"p\"}]}")
                .getBytes(StandardCharsets.UTF_8),
            TemplateRequest.class);
    assertEquals("a", r.sections().get(0).id());
  }
}
