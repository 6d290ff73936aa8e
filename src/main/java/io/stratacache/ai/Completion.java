package io.stratacache.ai;

/**
 * What the upstream (or the mock) generated.
 *
 * @param content the generated text
 * @param model the model that answered, as the upstream names it
 * @param promptTokens tokens of the prompt, as the upstream counted them (the mock estimates)
 * @param completionTokens tokens of the answer
 */
public record Completion(String content, String model, long promptTokens, long completionTokens)
    implements java.io.Serializable {}
