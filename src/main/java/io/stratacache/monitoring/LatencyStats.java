package io.stratacache.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Stand-in for the {@code monitor} branch's latency statistics, exactly the type the monitoring
 * contract names, so that the trends compile before that branch lands. It knows no latencies: the
 * {@code monitor} version, fed by a {@link io.stratacache.cache.CacheObserver}, replaces it on
 * merge.
 */
@ApplicationScoped
public class LatencyStats {

  /** Latency figures of one cache. */
  public record Latency(
      long gets,
      double getP50Millis,
      double getP99Millis,
      long puts,
      double putP99Millis,
      long loads,
      double loadAvgMillis,
      double loadP99Millis) {}

  /** The latency figures of {@code cache}; empty when none were observed. */
  public Optional<Latency> of(String cache) {
    return Optional.empty();
  }
}
