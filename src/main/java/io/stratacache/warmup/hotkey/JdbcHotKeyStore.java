package io.stratacache.warmup.hotkey;

import static io.stratacache.platform.JdbcValues.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The saved hot keys ({@code warmup_hot_key}, Liquibase change {@code 220-hot-keys}) over plain
 * JDBC in auto-commit mode, portable between H2 and PostgreSQL (no MERGE, no ON CONFLICT: an
 * update, then an insert for the rows it did not find). Every statement has a query timeout, so a
 * save at shutdown cannot hang. Timestamps are stored as UTC. Thread-safe.
 */
final class JdbcHotKeyStore {

  /** Slot of an instance's recent top keys; slots 0–23 are hours of day. */
  static final int RECENT = -1;

  /** {@code instance_id} of the cluster-wide profile rows. */
  static final String CLUSTER = "*";

  static final int MAX_KEY = 1000;
  static final int MAX_ARGS = 4000;

  /** Rows read at most by {@link #load}, whatever the table holds. */
  static final int MAX_ROWS = 500_000;

  /** One row. {@code bean}, {@code method}, {@code args}: the reload recipe, or all null. */
  record Row(
      String cache,
      int slot,
      String key,
      String instanceId,
      long estimate,
      String bean,
      String method,
      String args,
      Instant updatedAt) {}

  private final DataSource dataSource;
  private final int timeoutSeconds;

  JdbcHotKeyStore(DataSource dataSource, int timeoutSeconds) {
    this.dataSource = dataSource;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Every profile row, and the recent rows updated at {@code recentSince} or later. */
  List<Row> load(Instant recentSince) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT cache_name, slot, cache_key, instance_id, estimate, reload_bean,"
                    + " reload_method, reload_args, updated_at FROM warmup_hot_key"
                    + " WHERE slot >= 0 OR updated_at >= ?")) {
      s.setQueryTimeout(timeoutSeconds);
      s.setMaxRows(MAX_ROWS);
      s.setTimestamp(1, timestamp(recentSince));
      List<Row> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Timestamp t = r.getTimestamp(9);
          rows.add(
              new Row(
                  r.getString(1),
                  r.getInt(2),
                  r.getString(3),
                  r.getString(4),
                  r.getLong(5),
                  r.getString(6),
                  r.getString(7),
                  r.getString(8),
                  t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC)));
        }
      }
      return rows;
    }
  }

  /**
   * Replaces the recent rows of {@code instanceId} with {@code rows} and deletes every recent row
   * older than {@code staleBefore} (instances gone), in one transaction.
   */
  void replaceRecent(String instanceId, List<Row> rows, Instant now, Instant staleBefore)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement del =
              c.prepareStatement(
                  "DELETE FROM warmup_hot_key WHERE slot = ? AND (instance_id = ? OR updated_at <"
                      + " ?)");
          PreparedStatement ins = c.prepareStatement(insertSql())) {
        del.setQueryTimeout(timeoutSeconds);
        del.setInt(1, RECENT);
        del.setString(2, instanceId);
        del.setTimestamp(3, timestamp(staleBefore));
        del.executeUpdate();
        ins.setQueryTimeout(timeoutSeconds);
        for (Row r : rows) {
          bindInsert(ins, r, now);
          ins.addBatch();
        }
        if (!rows.isEmpty()) {
          ins.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * Adds each row's estimate to the stored one (inserting the rows not there yet) and sets its
   * recipe when the row brings one.
   */
  void add(List<Row> rows, Instant now) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      List<Row> missing = new ArrayList<>();
      try (PreparedStatement up = c.prepareStatement(updateSql())) {
        up.setQueryTimeout(timeoutSeconds);
        for (Row r : rows) {
          bindUpdate(up, r, now);
          up.addBatch();
        }
        int[] counts = up.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == 0) {
            missing.add(rows.get(i));
          }
        }
      }
      for (Row r : missing) {
        try (PreparedStatement ins = c.prepareStatement(insertSql())) {
          ins.setQueryTimeout(timeoutSeconds);
          bindInsert(ins, r, now);
          ins.executeUpdate();
        } catch (SQLException e) {
          // another instance inserted it meanwhile: add to its row
          try (PreparedStatement up = c.prepareStatement(updateSql())) {
            up.setQueryTimeout(timeoutSeconds);
            bindUpdate(up, r, now);
            if (up.executeUpdate() == 0) {
              throw e;
            }
          }
        }
      }
    }
  }

  /**
   * Keeps the {@code keep} rows of {@code cache}, {@code slot} and {@code instanceId} with the
   * highest estimates (ties by key) and deletes the others.
   *
   * @return rows deleted
   */
  int prune(String cache, int slot, String instanceId, int keep) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      List<String> drop = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT cache_key FROM warmup_hot_key WHERE cache_name = ? AND slot = ? AND"
                  + " instance_id = ? ORDER BY estimate DESC, cache_key")) {
        s.setQueryTimeout(timeoutSeconds);
        s.setString(1, cache);
        s.setInt(2, slot);
        s.setString(3, instanceId);
        try (ResultSet r = s.executeQuery()) {
          int n = 0;
          while (r.next()) {
            if (++n > keep) {
              drop.add(r.getString(1));
            }
          }
        }
      }
      if (drop.isEmpty()) {
        return 0;
      }
      try (PreparedStatement d =
          c.prepareStatement(
              "DELETE FROM warmup_hot_key WHERE cache_name = ? AND slot = ? AND instance_id = ?"
                  + " AND cache_key = ?")) {
        d.setQueryTimeout(timeoutSeconds);
        for (String key : drop) {
          d.setString(1, cache);
          d.setInt(2, slot);
          d.setString(3, instanceId);
          d.setString(4, key);
          d.addBatch();
        }
        d.executeBatch();
      }
      return drop.size();
    }
  }

  /** Deletes every row not updated since {@code cutoff}. */
  int purgeBefore(Instant cutoff) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM warmup_hot_key WHERE updated_at < ?")) {
      c.setAutoCommit(true);
      s.setQueryTimeout(timeoutSeconds);
      s.setTimestamp(1, timestamp(cutoff));
      return s.executeUpdate();
    }
  }

  /** Rows stored now (tests and logs). */
  int count() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM warmup_hot_key")) {
      r.next();
      return r.getInt(1);
    }
  }

  private static String insertSql() {
    return "INSERT INTO warmup_hot_key (cache_name, slot, cache_key, instance_id, estimate,"
        + " reload_bean, reload_method, reload_args, updated_at) VALUES (?,?,?,?,?,?,?,?,?)";
  }

  private static String updateSql() {
    return "UPDATE warmup_hot_key SET estimate = estimate + ?, updated_at = ?,"
        + " reload_bean = COALESCE(?, reload_bean), reload_method = COALESCE(?, reload_method),"
        + " reload_args = CASE WHEN ? IS NULL THEN reload_args ELSE ? END"
        + " WHERE cache_name = ? AND slot = ? AND cache_key = ? AND instance_id = ?";
  }

  private static void bindInsert(PreparedStatement s, Row r, Instant now) throws SQLException {
    s.setString(1, r.cache());
    s.setInt(2, r.slot());
    s.setString(3, r.key());
    s.setString(4, r.instanceId());
    s.setLong(5, r.estimate());
    s.setString(6, r.bean());
    s.setString(7, r.method());
    s.setString(8, r.args());
    s.setTimestamp(9, timestamp(now));
  }

  private static void bindUpdate(PreparedStatement s, Row r, Instant now) throws SQLException {
    s.setLong(1, r.estimate());
    s.setTimestamp(2, timestamp(now));
    s.setString(3, r.bean());
    s.setString(4, r.method());
    // the recipe's three columns change together: args follow the method
    s.setString(5, r.method());
    s.setString(6, r.args());
    s.setString(7, r.cache());
    s.setInt(8, r.slot());
    s.setString(9, r.key());
    s.setString(10, r.instanceId());
  }
}
