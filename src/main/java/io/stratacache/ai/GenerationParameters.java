package io.stratacache.ai;

/**
 * Every setting sent upstream that can change the generated text, with defaults already applied: a
 * template that leaves the temperature to {@code AI_TEMPERATURE} is keyed by the temperature
 * actually sent, so changing the default changes the key.
 *
 * @param provider where the text comes from: the upstream's base URL, or {@code mock}
 * @param model the model sent (or {@code mock})
 * @param temperature the temperature sent
 * @param maxTokens the completion limit sent
 * @param topP nucleus sampling sent, or null for none
 * @param seed the sampling seed sent, or null for none
 */
public record GenerationParameters(
    String provider, String model, double temperature, int maxTokens, Double topP, Long seed)
    implements java.io.Serializable {

  /** The canonical text of these parameters, for the cache key. */
  String canonical() {
    StringBuilder out = new StringBuilder();
    CanonicalJson.string(provider, out);
    out.append('|');
    CanonicalJson.string(model, out);
    out.append("|t=")
        .append(CanonicalJson.number(java.math.BigDecimal.valueOf(temperature)))
        .append("|max=")
        .append(maxTokens)
        .append("|top_p=")
        .append(topP == null ? "null" : CanonicalJson.number(java.math.BigDecimal.valueOf(topP)))
        .append("|seed=")
        .append(seed == null ? "null" : seed.toString());
    return out.toString();
  }
}
