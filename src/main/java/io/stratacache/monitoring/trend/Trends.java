package io.stratacache.monitoring.trend;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Placeholder of the contract's trend series (the {@code dash} branch owns this package and
 * replaces this class on merge): it keeps no history, so every series is empty.
 */
@ApplicationScoped
public class Trends {

  /**
   * Points of the last {@code duration}, oldest first; minute points for the last 24 h, hourly
   * before. cache empty = every cache plus "all".
   */
  public List<TrendPoint> series(Duration duration, Optional<String> cache) {
    return List.of();
  }
}
