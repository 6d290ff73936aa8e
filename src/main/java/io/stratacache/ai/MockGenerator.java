package io.stratacache.ai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The generator used without {@code OPENAI_API_KEY}: deterministic (the same prompt gives the same
 * text), instant, free, and it says what it is: the text starts with {@value #MARK}, the model is
 * {@code mock}. Token counts are estimates (one token per four UTF-8 bytes, at least one), so the
 * cache's spent-and-saved figures can be exercised without a key. Stateless.
 */
final class MockGenerator {

  static final String MODEL = "mock";
  static final String MARK = "【这是 AI 生成的模拟内容】";

  private MockGenerator() {}

  static Completion complete(ChatPrompt prompt) {
    String digest = sha256(prompt.system() + "\n" + prompt.user()).substring(0, 12);
    String excerpt = prompt.user().strip().replaceAll("\\s+", " ");
    if (excerpt.length() > 160) {
      excerpt = excerpt.substring(0, 160) + "…";
    }
    String content =
        MARK
            + " "
            + prompt.sectionTitle()
            + "\n\n(mock generator: no OPENAI_API_KEY is configured; prompt "
            + digest
            + ")\n"
            + excerpt;
    return new Completion(
        content, MODEL, estimate(prompt.system() + prompt.user()), estimate(content));
  }

  static long estimate(String text) {
    return Math.max(1, (text.getBytes(StandardCharsets.UTF_8).length + 3) / 4);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
