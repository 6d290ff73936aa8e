package io.stratacache.monitoring.trend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The trend points in the tables {@code monitoring_trend} and {@code monitoring_trend_tick}
 * (liquibase/changes/310-monitoring-trends.xml), in plain JDBC that runs on H2 and PostgreSQL.
 * Timestamps are stored as UTC without a zone.
 *
 * <p>Must be called outside a JTA transaction (the roll-up commits its own). Thread-safe: every
 * call takes its own connection.
 */
final class JdbcTrendStore {

  /** {@code resolution_minutes} of minute points. */
  static final int MINUTE = 1;

  /** {@code resolution_minutes} of hourly points. */
  static final int HOUR = 60;

  private static final String COLUMNS =
      "point_at, cache_name, requests, hits, misses, hit_rate, get_p99_ms, load_avg_ms, entries,"
          + " bytes";

  private final DataSource dataSource;

  JdbcTrendStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Claims the snapshot of {@code minute} for this instance.
   *
   * @return true if this call inserted the claim; false if another instance (or an earlier call)
   *     holds it
   */
  boolean claim(Instant minute, String instanceId, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO monitoring_trend_tick (minute_at, instance_id, claimed_at)"
                    + " VALUES (?,?,?)")) {
      s.setTimestamp(1, timestamp(minute));
      s.setString(2, instanceId.length() <= 64 ? instanceId : instanceId.substring(0, 64));
      s.setTimestamp(3, timestamp(now));
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        return false;
      }
      throw e;
    }
  }

  /** Stores minute points. */
  void insertMinutes(List<TrendPoint> points) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      insert(c, points, MINUTE);
    }
  }

  /**
   * The points from {@code from} on (inclusive), oldest first, then by cache name.
   *
   * @param cache one cache (or {@link TrendPoint#ALL}); empty for every cache
   */
  List<TrendPoint> read(Instant from, Optional<String> cache) throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM monitoring_trend WHERE point_at >= ?"
            + (cache.isPresent() ? " AND cache_name = ?" : "")
            + " ORDER BY point_at, cache_name";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, timestamp(from));
      if (cache.isPresent()) {
        s.setString(2, cache.get());
      }
      return points(s);
    }
  }

  /**
   * Replaces the minute points older than {@code cutoff} by hourly points, in one transaction. An
   * hour that already has its hourly point (a straggler minute written late) keeps it; the
   * straggler is dropped.
   *
   * @param cutoff the start of an hour: every minute point before it is rolled up
   * @return how many minute points were rolled up
   */
  int rollUp(Instant cutoff) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        List<TrendPoint> minutes;
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM monitoring_trend WHERE resolution_minutes = ? AND point_at < ?")) {
          s.setInt(1, MINUTE);
          s.setTimestamp(2, timestamp(cutoff));
          minutes = points(s);
        }
        if (minutes.isEmpty()) {
          c.rollback();
          return 0;
        }
        List<TrendPoint> hours = new ArrayList<>();
        for (TrendPoint h : TrendRollup.hourly(minutes)) {
          if (!exists(c, h)) {
            hours.add(h);
          }
        }
        try (PreparedStatement d =
            c.prepareStatement(
                "DELETE FROM monitoring_trend WHERE resolution_minutes = ? AND point_at < ?")) {
          d.setInt(1, MINUTE);
          d.setTimestamp(2, timestamp(cutoff));
          d.executeUpdate();
        }
        insert(c, hours, HOUR);
        c.commit();
        return minutes.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /**
   * Deletes the points older than {@code pointsBefore} and the claims older than {@code
   * claimsBefore}.
   *
   * @return how many points were deleted
   */
  int purge(Instant pointsBefore, Instant claimsBefore) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement points =
            c.prepareStatement("DELETE FROM monitoring_trend WHERE point_at < ?");
        PreparedStatement ticks =
            c.prepareStatement("DELETE FROM monitoring_trend_tick WHERE minute_at < ?")) {
      points.setTimestamp(1, timestamp(pointsBefore));
      ticks.setTimestamp(1, timestamp(claimsBefore));
      ticks.executeUpdate();
      return points.executeUpdate();
    }
  }

  private static boolean exists(Connection c, TrendPoint hour) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT COUNT(*) FROM monitoring_trend"
                + " WHERE point_at = ? AND cache_name = ? AND resolution_minutes = ?")) {
      s.setTimestamp(1, timestamp(hour.at()));
      s.setString(2, hour.cache());
      s.setInt(3, HOUR);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getLong(1) > 0;
      }
    }
  }

  private static void insert(Connection c, List<TrendPoint> points, int resolution)
      throws SQLException {
    if (points.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO monitoring_trend ("
                + COLUMNS
                + ", resolution_minutes) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
      for (TrendPoint p : points) {
        s.setTimestamp(1, timestamp(p.at()));
        s.setString(2, p.cache());
        s.setLong(3, p.requests());
        s.setLong(4, p.hits());
        s.setLong(5, p.misses());
        s.setDouble(6, p.hitRate());
        s.setDouble(7, p.getP99Millis());
        s.setDouble(8, p.loadAvgMillis());
        s.setLong(9, p.entries());
        s.setLong(10, p.bytes());
        s.setInt(11, resolution);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static List<TrendPoint> points(PreparedStatement s) throws SQLException {
    List<TrendPoint> points = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        points.add(
            new TrendPoint(
                r.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC),
                r.getString(2),
                r.getLong(3),
                r.getLong(4),
                r.getLong(5),
                r.getDouble(6),
                r.getDouble(7),
                r.getDouble(8),
                r.getLong(9),
                r.getLong(10)));
      }
    }
    return points;
  }

  private static Timestamp timestamp(Instant i) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
  }
}
