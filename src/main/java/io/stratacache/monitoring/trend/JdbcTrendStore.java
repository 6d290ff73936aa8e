package io.stratacache.monitoring.trend;

import static io.stratacache.platform.JdbcValues.duplicate;
import static io.stratacache.platform.JdbcValues.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The trend rows in the table {@code monitoring_trend}
 * (liquibase/changes/310-monitoring-trends.xml), in plain JDBC that runs on H2 and PostgreSQL.
 * Timestamps are stored as UTC without a zone.
 *
 * <p>Must be called outside a JTA transaction (inserts and the roll-up commit their own). Thread-
 * safe: every call takes its own connection.
 */
final class JdbcTrendStore {

  /** {@code resolution_minutes} of minute rows. */
  static final int MINUTE = 1;

  /** {@code resolution_minutes} of hourly rows. */
  static final int HOUR = 60;

  /** The longest {@code instance_id}. */
  static final int INSTANCE_MAX = 64;

  private static final String COLUMNS =
      "instance_id, point_at, resolution_minutes, cache_name, requests, hits, misses, get_p99_ms,"
          + " load_avg_ms, gets, get_ms, puts, put_ms, near_entries, near_bytes, grid_entries,"
          + " grid_bytes, store_entries, store_bytes";

  private final DataSource dataSource;

  JdbcTrendStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** {@code instanceId} as stored: at most {@value #INSTANCE_MAX} characters. */
  static String instance(String instanceId) {
    return instanceId.length() <= INSTANCE_MAX ? instanceId : instanceId.substring(0, INSTANCE_MAX);
  }

  /**
   * Stores one member's minute rows, all or none.
   *
   * @return true if stored; false if that member already stored rows for that minute (a second tick
   *     naming the same minute), which are kept
   */
  boolean insertMinutes(List<TrendRow> rows) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        insert(c, rows);
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        if (duplicate(e)) {
          return false;
        }
        throw e;
      } catch (RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /**
   * The rows from {@code from} on (inclusive) of every member, oldest first.
   *
   * @param cache one cache; empty for every cache
   */
  List<TrendRow> read(Instant from, Optional<String> cache) throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM monitoring_trend WHERE point_at >= ?"
            + (cache.isPresent() ? " AND cache_name = ?" : "")
            + " ORDER BY point_at, cache_name, instance_id";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, timestamp(from));
      if (cache.isPresent()) {
        s.setString(2, cache.get());
      }
      return rows(s);
    }
  }

  /**
   * The minute rows after {@code after} (exclusive) written by members other than {@code
   * instanceId}, oldest first: what the other members did in a window.
   */
  List<TrendRow> othersAfter(Instant after, String instanceId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM monitoring_trend WHERE point_at > ? AND resolution_minutes = ?"
                    + " AND instance_id <> ? AND instance_id <> ?"
                    + " ORDER BY point_at, cache_name, instance_id")) {
      s.setTimestamp(1, timestamp(after));
      s.setInt(2, MINUTE);
      s.setString(3, instance(instanceId));
      s.setString(4, TrendRow.CLUSTER);
      return rows(s);
    }
  }

  /**
   * Replaces the minute rows older than {@code cutoff} (of every member) by hourly rows of their
   * sum, in one transaction. An hour that already has its hourly row (a straggler minute written
   * late) keeps it; the straggler is dropped.
   *
   * @param cutoff the start of an hour: every minute row before it is rolled up
   * @return how many minute rows were rolled up
   */
  int rollUp(Instant cutoff) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        List<TrendRow> minutes;
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM monitoring_trend WHERE resolution_minutes = ? AND point_at < ?")) {
          s.setInt(1, MINUTE);
          s.setTimestamp(2, timestamp(cutoff));
          minutes = rows(s);
        }
        if (minutes.isEmpty()) {
          c.rollback();
          return 0;
        }
        List<TrendRow> hours = new ArrayList<>();
        for (TrendRow h : TrendRollup.hourly(minutes)) {
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
        insert(c, hours);
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
   * Deletes the rows older than {@code pointsBefore}.
   *
   * @return how many rows were deleted
   */
  int purge(Instant pointsBefore) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement points =
            c.prepareStatement("DELETE FROM monitoring_trend WHERE point_at < ?")) {
      points.setTimestamp(1, timestamp(pointsBefore));
      return points.executeUpdate();
    }
  }

  private static boolean exists(Connection c, TrendRow hour) throws SQLException {
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

  private static void insert(Connection c, List<TrendRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO monitoring_trend ("
                + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (TrendRow r : rows) {
        s.setString(1, instance(r.instance()));
        s.setTimestamp(2, timestamp(r.at()));
        s.setInt(3, r.resolution());
        s.setString(4, r.cache());
        s.setLong(5, r.requests());
        s.setLong(6, r.hits());
        s.setLong(7, r.misses());
        s.setDouble(8, r.getP99Millis());
        s.setDouble(9, r.loadAvgMillis());
        s.setLong(10, r.gets());
        s.setDouble(11, r.getMillis());
        s.setLong(12, r.puts());
        s.setDouble(13, r.putMillis());
        TierLevels l = r.levels();
        s.setLong(14, l.nearEntries());
        s.setLong(15, l.nearBytes());
        s.setLong(16, l.gridEntries());
        s.setLong(17, l.gridBytes());
        s.setLong(18, l.storeEntries());
        s.setLong(19, l.storeBytes());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static List<TrendRow> rows(PreparedStatement s) throws SQLException {
    List<TrendRow> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.add(
            new TrendRow(
                r.getString(1),
                r.getTimestamp(2).toLocalDateTime().toInstant(ZoneOffset.UTC),
                r.getInt(3),
                r.getString(4),
                r.getLong(5),
                r.getLong(6),
                r.getLong(7),
                r.getDouble(8),
                r.getDouble(9),
                r.getLong(10),
                r.getDouble(11),
                r.getLong(12),
                r.getDouble(13),
                new TierLevels(
                    r.getLong(14),
                    r.getLong(15),
                    r.getLong(16),
                    r.getLong(17),
                    r.getLong(18),
                    r.getLong(19))));
      }
    }
    return rows;
  }
}
