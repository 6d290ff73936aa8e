package io.stratacache.monitoring.trend;

import io.stratacache.cache.CacheStats;
import io.stratacache.cache.TieredCaches;
import io.stratacache.monitoring.LatencyStats;
import io.stratacache.platform.ApplicationDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The trend series of the caches (see {@link TrendPoint}): what {@code GET
 * /api/v1/cache/monitoring/metrics} and the dashboard show. Snapshots are taken by {@link
 * TrendTimer} once a minute, by one instance of the cluster; counts are this instance's traffic
 * when it is the one that takes the minute. Thread-safe.
 */
@ApplicationScoped
public class Trends {

  @Inject TieredCaches caches;
  @Inject LatencyStats latency;
  @Inject Clock clock;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  private TrendHistory history;

  @PostConstruct
  void init() {
    history = new TrendHistory(new JdbcTrendStore(dataSource), clock, caches.instanceId());
  }

  /**
   * Points of the last {@code duration}, oldest first; minute points for the last 24 h, hourly
   * before.
   *
   * @param duration how far back; positive
   * @param cache one cache (or {@link TrendPoint#ALL}); empty = every cache plus {@code all}
   * @return the points; empty for a name that has none
   * @throws IllegalStateException if the database cannot be read
   */
  public List<TrendPoint> series(Duration duration, Optional<String> cache) {
    try {
      return history.series(duration, cache);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the trend series failed: " + e.getMessage(), e);
    }
  }

  /** The names a series can be asked for: every cache of this instance plus {@code all}. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>(caches.names());
    names.add(TrendPoint.ALL);
    return names;
  }

  /**
   * Takes this minute's snapshot; for {@link TrendTimer} only (public for the CDI proxy).
   *
   * @throws SQLException if the database fails
   */
  public TrendHistory.Tick tick() throws SQLException {
    return history.tick(readings());
  }

  private List<CacheReading> readings() {
    List<CacheReading> readings = new ArrayList<>();
    for (CacheStats s : caches.stats()) {
      var observed = latency.of(s.name());
      readings.add(
          new CacheReading(
              s.name(),
              s.requests(),
              s.hits() + s.staleHits(),
              s.misses(),
              observed.map(l -> l.getP99Millis()).orElse(0.0),
              observed.map(l -> l.loadAvgMillis()).orElse(s.averageLoadMillis()),
              Math.max(0, s.size()),
              Math.max(0, s.bytes())));
    }
    return readings;
  }
}
