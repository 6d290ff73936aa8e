package io.stratacache.ai;

/**
 * The answer of {@code POST /api/ai/generate}.
 *
 * @param success always true (failures are {@code {"error","detail"}} with a 4xx/5xx status)
 * @param content the generated text
 * @param section_title the section's title
 * @param cached true when this request did not generate: the answer came from the cache, or from
 *     another caller's generation of the same key that this one waited for
 * @param model the model that generated it ({@code mock} for the mock generator)
 * @param usage the tokens the generation cost when it was made (on a cached answer: the original
 *     cost, counted as saved in the statistics, not as spent)
 * @param template_version the template version the text was generated from
 */
public record GenerateAnswer(
    boolean success,
    String content,
    String section_title,
    boolean cached,
    String model,
    Usage usage,
    int template_version) {

  /** Token counts, as the upstream reported them. */
  public record Usage(long prompt_tokens, long completion_tokens) {}
}
