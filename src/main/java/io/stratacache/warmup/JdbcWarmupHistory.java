package io.stratacache.warmup;

import static io.stratacache.platform.JdbcValues.instant;
import static io.stratacache.platform.JdbcValues.shorten;
import static io.stratacache.platform.JdbcValues.timestamp;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The run history ({@code warmup_run}, Liquibase change {@code 200-warmup}) over plain JDBC in
 * auto-commit mode; the ticks and the run lease are {@link io.stratacache.platform.ClusterClaims}.
 * Timestamps are stored as UTC. Thread-safe.
 */
final class JdbcWarmupHistory {

  private static final int MAX_TASKS_JSON = 8000;

  private final DataSource dataSource;

  JdbcWarmupHistory(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores a finished run. */
  void record(WarmupRun run, String instanceId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO warmup_run (id, trigger_name, instance_id, started_at, finished_at,"
                    + " duration_ms, tasks_total, tasks_completed, tasks_failed, entries_warmed,"
                    + " success_rate, tasks_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      c.setAutoCommit(true);
      s.setString(1, run.id());
      s.setString(2, run.trigger());
      s.setString(3, shorten(instanceId, 64));
      s.setTimestamp(4, timestamp(run.startedAt()));
      s.setTimestamp(5, timestamp(run.finishedAt()));
      s.setLong(6, run.durationMillis());
      s.setInt(7, run.tasksTotal());
      s.setInt(8, run.tasksCompleted());
      s.setInt(9, run.tasksFailed());
      s.setLong(10, run.entriesWarmed());
      s.setDouble(11, run.successRate());
      s.setString(12, tasksJson(run.tasks()));
      s.executeUpdate();
    }
  }

  /** The latest runs, newest first, at most {@code limit}. */
  List<WarmupRun> recent(int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT id, trigger_name, started_at, finished_at, duration_ms, tasks_total,"
                    + " tasks_completed, tasks_failed, entries_warmed, success_rate, tasks_json"
                    + " FROM warmup_run ORDER BY started_at DESC, id")) {
      s.setMaxRows(limit);
      List<WarmupRun> runs = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          runs.add(
              new WarmupRun(
                  r.getString(1),
                  r.getString(2),
                  instant(r.getTimestamp(3)),
                  instant(r.getTimestamp(4)),
                  r.getLong(5),
                  r.getInt(6),
                  r.getInt(7),
                  r.getInt(8),
                  r.getLong(9),
                  r.getDouble(10),
                  tasks(r.getString(11))));
        }
      }
      return runs;
    }
  }

  /** Deletes runs older than {@code cutoff}; returns the rows deleted. */
  int purgeBefore(Instant cutoff) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement runs =
            c.prepareStatement("DELETE FROM warmup_run WHERE started_at < ?")) {
      c.setAutoCommit(true);
      runs.setTimestamp(1, timestamp(cutoff));
      return runs.executeUpdate();
    }
  }

  /**
   * A run holding the cluster's run lease ({@link WarmupCoordinator#RUN_LEASE}): which, on which
   * instance, until when.
   */
  public record LeaseHolder(String runId, String instanceId, Instant until) {}

  static String tasksJson(List<WarmupTaskResult> tasks) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    for (WarmupTaskResult t : tasks) {
      var o =
          Json.createObjectBuilder()
              .add("name", t.name())
              .add("outcome", t.outcome())
              .add("entries", t.entries())
              .add("durationMillis", t.durationMillis())
              .add("attempts", t.attempts());
      if (t.error() != null) {
        o.add("error", shorten(t.error(), 300));
      }
      if (t.detail() != null) {
        o.add("detail", shorten(t.detail(), 400));
      }
      a.add(o);
    }
    String json = a.build().toString();
    return json.length() <= MAX_TASKS_JSON ? json : "[]";
  }

  static List<WarmupTaskResult> tasks(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonArray a = reader.readArray();
      List<WarmupTaskResult> tasks = new ArrayList<>(a.size());
      for (JsonObject o : a.getValuesAs(JsonObject.class)) {
        tasks.add(
            new WarmupTaskResult(
                o.getString("name"),
                o.getString("outcome"),
                o.getInt("entries"),
                o.getJsonNumber("durationMillis").longValue(),
                o.getInt("attempts"),
                o.getString("error", null),
                o.getString("detail", null)));
      }
      return tasks;
    }
  }
}
