package io.stratacache.ai;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The AI metrics in the application registry, all named {@code stratacache_ai_*} (README "AI text
 * generation" lists them): upstream attempts by outcome, retries, the breaker state as this
 * instance last saw it, upstream latency, tokens spent and saved, cache requests by result.
 * Thread-safe.
 */
final class AiMetrics {

  private final MetricRegistry registry;

  AiMetrics(MetricRegistry registry, DoubleSupplier breakerOpen) {
    this.registry = registry;
    registry.gauge(
        Metadata.builder()
            .withName("stratacache_ai_upstream_breaker_open")
            .withDescription(
                "1 while the AI upstream's circuit breaker refuses calls on this instance, else 0")
            .build(),
        breakerOpen::getAsDouble);
  }

  void attempt(String outcome, Duration latency) {
    registry.counter("stratacache_ai_upstream_calls_total", new Tag("outcome", outcome)).inc();
    if (latency != null) {
      registry.timer("stratacache_ai_upstream_latency").update(latency);
    }
  }

  void retry(String kind) {
    registry.counter("stratacache_ai_upstream_retries_total", new Tag("kind", kind)).inc();
  }

  void request(String result) {
    registry.counter("stratacache_ai_cache_requests_total", new Tag("result", result)).inc();
  }

  void tokens(String what, long tokens) {
    registry.counter("stratacache_ai_tokens_total", new Tag("kind", what)).inc(tokens);
  }
}
