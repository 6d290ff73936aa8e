package io.stratacache.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UpstreamCallTest {

  @Test
  void requestBody_sendsEveryParameter() {
    String body =
        UpstreamCall.requestBody(
            new GenerationParameters("http://x/v1", "m", 0.3, 99, 0.9, 7L),
            new ChatPrompt("sys", "user text", "T"));
    assertEquals(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"sys\"},"
            + "{\"role\":\"user\",\"content\":\"user text\"}],\"temperature\":0.3,"
            + "\"max_tokens\":99,\"top_p\":0.9,\"seed\":7}",
        body);
  }

  @Test
  void parse_completion() {
    Completion c =
        UpstreamCall.parse(
            "{\"model\":\"gpt\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}",
            "asked");
    assertEquals(new Completion("hi", "gpt", 3, 4), c);
  }

  @Test
  void parse_noChoices_rejected() {
    assertThrows(UpstreamRejectedException.class, () -> UpstreamCall.parse("{}", "m"));
    assertThrows(UpstreamRejectedException.class, () -> UpstreamCall.parse("not json", "m"));
  }

  @Test
  void mock_deterministicAndMarked() {
    ChatPrompt p = new ChatPrompt("s", "企业名称 测试企业", "企业概况");
    Completion a = MockGenerator.complete(p);
    assertEquals(a, MockGenerator.complete(p));
    assertEquals("mock", a.model());
    assertTrue(a.content().startsWith(MockGenerator.MARK));
    assertTrue(a.promptTokens() > 0 && a.completionTokens() > 0);
  }
}
