package io.stratacache.monitoring.trend;

import io.stratacache.platform.InvalidInputException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/cache/monitoring/metrics?duration_minutes=N[&cache=name]}: the trend series of
 * the last N minutes (1..{@value #MAX_MINUTES}, default {@value #DEFAULT_MINUTES}), of one cache or
 * {@code all}, or of every cache plus {@code all}. Bad input is a 400 that changes nothing. Public,
 * like every read of {@code /api/v1/cache}.
 */
@Path("v1/cache/monitoring/metrics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TrendResource {

  /** The longest window: the 30 days points are kept. */
  static final int MAX_MINUTES = 43_200;

  /** The window when none is given: one hour. */
  static final int DEFAULT_MINUTES = 60;

  @Inject Trends trends;

  @GET
  public TrendSeries series(
      @QueryParam("duration_minutes") String durationMinutes, @QueryParam("cache") String cache) {
    int minutes = minutes(durationMinutes);
    Optional<String> name = cacheName(cache, trends.names());
    return new TrendSeries(minutes, trends.series(Duration.ofMinutes(minutes), name));
  }

  /**
   * The window in minutes.
   *
   * @throws InvalidInputException unless absent or an integer in 1..{@value #MAX_MINUTES}
   */
  static int minutes(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_MINUTES;
    }
    long value;
    try {
      value = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "duration_minutes must be an integer, was '" + shorten(raw.trim()) + "'");
    }
    if (value < 1 || value > MAX_MINUTES) {
      throw new InvalidInputException(
          "duration_minutes must be between 1 and " + MAX_MINUTES + " (30 days), was " + value);
    }
    return (int) value;
  }

  /**
   * The cache asked for, empty for all.
   *
   * @throws InvalidInputException if the name is not one of {@code valid}
   */
  static Optional<String> cacheName(String raw, Set<String> valid) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String name = raw.trim();
    if (!valid.contains(name)) {
      throw new InvalidInputException(
          "unknown cache '" + shorten(name) + "'; valid names: " + String.join(", ", valid));
    }
    return Optional.of(name);
  }

  private static String shorten(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }
}
