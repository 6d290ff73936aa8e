package io.stratacache.monitoring.trend;

import io.stratacache.cache.CacheStats;
import io.stratacache.cache.TierStats;
import io.stratacache.cache.TieredCaches;
import io.stratacache.monitoring.latency.LatencyStats;
import io.stratacache.platform.ApplicationDataSource;
import io.stratacache.platform.ClusterClaims;
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
 * TrendTimer} once a minute by every member of the cluster, each writing its own rows; the series
 * sums the members (see {@link TrendSum} for how each figure adds up). Thread-safe.
 */
@ApplicationScoped
public class Trends {

  @Inject TieredCaches caches;
  @Inject LatencyStats latency;
  @Inject Clock clock;
  @Inject ClusterClaims claims;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  private TrendHistory history;

  @PostConstruct
  void init() {
    history = new TrendHistory(new JdbcTrendStore(dataSource), claims, clock, caches.instanceId());
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

  /**
   * What every other member of the cluster did with each cache in the last {@code window}, from
   * their trend rows of the minutes that ended inside it; this instance is left out (its live
   * figures are more exact). What alert rules add to this instance's figures.
   *
   * @throws IllegalStateException if the database cannot be read
   */
  public List<MemberWindow> otherMembers(Duration window) {
    try {
      return history.others(window);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the trend rows failed: " + e.getMessage(), e);
    }
  }

  /** This instance's id in the trend rows. */
  public String instanceId() {
    return JdbcTrendStore.instance(caches.instanceId());
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
      LatencyStats.Totals calls = latency.totals(s.name());
      readings.add(
          new CacheReading(
              s.name(),
              s.requests(),
              s.hits() + s.staleHits(),
              s.misses(),
              calls.get().count(),
              calls.get().sumNanos(),
              calls.put().count(),
              calls.put().sumNanos(),
              observed.map(l -> l.getP99Millis()).orElse(0.0),
              observed.map(l -> l.loadAvgMillis()).orElse(s.averageLoadMillis()),
              levels(s)));
    }
    return readings;
  }

  private static TierLevels levels(CacheStats s) {
    long[] l = new long[6];
    for (TierStats t : s.tiers()) {
      int i =
          switch (t.tier()) {
            case "near" -> 0;
            case "grid" -> 2;
            case "store" -> 4;
            default -> -1;
          };
      if (i >= 0) {
        l[i] = t.size();
        l[i + 1] = t.bytes();
      }
    }
    return new TierLevels(l[0], l[1], l[2], l[3], l[4], l[5]);
  }
}
