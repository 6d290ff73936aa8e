package io.stratacache.ai;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The AI settings, read once from MicroProfile Config at start-up (README "AI text generation"
 * lists each with its default). The per-call timeout, the circuit breaker and the bulkhead are
 * MicroProfile Fault Tolerance settings of {@link UpstreamCall#complete} and are read from their
 * Fault Tolerance keys, so that one key sets both the annotation and the HTTP client's timeouts.
 *
 * @param apiKey the bearer key of the upstream; empty selects the mock generator
 * @param baseUrl the OpenAI-compatible base URL, up to and without {@code /chat/completions}
 * @param model the default model
 * @param temperature the default temperature
 * @param maxTokens the default completion limit
 * @param retry the retry policy
 * @param callTimeout the per-call timeout ({@code .../complete/Timeout/value})
 * @param breakerDelay how long the breaker stays open ({@code .../complete/CircuitBreaker/delay})
 * @param defaultTtl the answer TTL of a template that names none
 */
public record AiSettings(
    Optional<String> apiKey,
    String baseUrl,
    String model,
    double temperature,
    int maxTokens,
    RetryPolicy retry,
    Duration callTimeout,
    Duration breakerDelay,
    Duration defaultTtl) {

  static final String FT_PREFIX = UpstreamCall.class.getName() + "/complete/";

  /** Reads the settings. @throws IllegalArgumentException naming a bad setting */
  static AiSettings from(Config c) {
    Optional<String> key =
        c.getOptionalValue("OPENAI_API_KEY", String.class)
            .map(String::strip)
            .filter(k -> !k.isEmpty());
    String base =
        c.getOptionalValue("OPENAI_BASE_URL", String.class).orElse("https://api.openai.com/v1");
    base = base.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      throw new IllegalArgumentException("OPENAI_BASE_URL must be an http(s) URL, was " + base);
    }
    double temperature = c.getOptionalValue("AI_TEMPERATURE", Double.class).orElse(0.7);
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("AI_TEMPERATURE must be 0..2, was " + temperature);
    }
    int maxTokens = c.getOptionalValue("AI_MAX_TOKENS", Integer.class).orElse(1024);
    if (maxTokens < 1 || maxTokens > 1_000_000) {
      throw new IllegalArgumentException("AI_MAX_TOKENS must be 1..1000000, was " + maxTokens);
    }
    RetryPolicy retry =
        new RetryPolicy(
            c.getOptionalValue("AI_RETRY_MAX", Integer.class).orElse(3),
            millis(c, "AI_RETRY_DELAY_MS", 2000),
            c.getOptionalValue("AI_RETRY_MULTIPLIER", Double.class).orElse(2.0),
            millis(c, "AI_RETRY_MAX_DELAY_MS", 30000),
            c.getOptionalValue("AI_RETRY_JITTER", Double.class).orElse(0.2));
    return new AiSettings(
        key,
        base,
        c.getOptionalValue("AI_MODEL", String.class).map(String::strip).orElse("gpt-4o-mini"),
        temperature,
        maxTokens,
        retry,
        millis(c, FT_PREFIX + "Timeout/value", 30000),
        millis(c, FT_PREFIX + "CircuitBreaker/delay", 30000),
        Duration.ofSeconds(c.getOptionalValue("AI_CACHE_TTL_SECONDS", Long.class).orElse(86400L)));
  }

  /** Whether generation goes to the mock (no key). */
  public boolean mock() {
    return apiKey.isEmpty();
  }

  private static Duration millis(Config c, String key, long fallback) {
    long ms = c.getOptionalValue(key, Long.class).orElse(fallback);
    if (ms < 0) {
      throw new IllegalArgumentException(key + " must not be negative, was " + ms);
    }
    return Duration.ofMillis(ms);
  }
}
