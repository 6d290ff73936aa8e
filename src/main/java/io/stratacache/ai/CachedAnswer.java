package io.stratacache.ai;

import java.time.Instant;

/**
 * A generated answer as the {@code ai-answers} cache keeps it (grid and store included, so it is a
 * serializable record of plain values).
 *
 * @param content the generated text
 * @param sectionTitle the section's title
 * @param model the model that generated it
 * @param promptTokens the prompt's tokens when it was generated
 * @param completionTokens the answer's tokens when it was generated
 * @param templateId the template
 * @param templateVersion the template's version it was generated from
 * @param generatedAt when it was generated
 */
public record CachedAnswer(
    String content,
    String sectionTitle,
    String model,
    long promptTokens,
    long completionTokens,
    String templateId,
    int templateVersion,
    Instant generatedAt)
    implements java.io.Serializable {

  /** Tokens the generation cost: prompt plus completion. */
  public long tokens() {
    return promptTokens + completionTokens;
  }
}
