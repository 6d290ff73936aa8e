package io.stratacache.ai;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cache key of a generated answer: {@code ai:<template>:v<version>:<sha-256>}, the hash over
 * the template id, its version, the section, the canonical data ({@link CanonicalJson}: member
 * order, white space between tokens and number formatting do not matter) and every generation
 * parameter ({@link GenerationParameters}, defaults applied). The readable prefix lets one
 * template's answers be dropped by pattern. Stateless.
 */
final class AnswerKey {

  private AnswerKey() {}

  /** The prefix of every key of {@code templateId}, for invalidation by pattern. */
  static String prefix(String templateId) {
    return "ai:" + templateId + ":";
  }

  static String of(
      String templateId,
      int version,
      String sectionId,
      JsonObject data,
      GenerationParameters parameters) {
    StringBuilder material = new StringBuilder();
    CanonicalJson.string(templateId, material);
    material.append('|').append(version).append('|');
    CanonicalJson.string(sectionId, material);
    material.append('|').append(CanonicalJson.of(data));
    material.append('|').append(parameters.canonical());
    return prefix(templateId) + "v" + version + ":" + sha256(material.toString());
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
