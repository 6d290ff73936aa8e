package io.stratacache.monitoring.alert;

import static io.stratacache.platform.JdbcValues.duplicate;
import static io.stratacache.platform.JdbcValues.instant;
import static io.stratacache.platform.JdbcValues.shorten;
import static io.stratacache.platform.JdbcValues.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The alert store over plain JDBC on the tables of Liquibase change {@code 300-monitoring}, in
 * auto-commit mode; timestamps stored as UTC. An active alert carries {@code active_key} = rule and
 * cache under a unique index (cleared on close), so two instances opening the same alert at once
 * leave one. SQL failures surface as {@link IllegalStateException}. Thread-safe.
 */
final class JdbcAlertStore implements AlertStore {

  private static final String COLUMNS =
      "id, rule_name, cache_name, severity, state, message, metric_value, threshold, opened_at,"
          + " resolved_at";

  private final DataSource dataSource;
  private final String instanceId;
  private final java.util.function.Function<String, Optional<AlertRule>> defaults;

  public JdbcAlertStore(DataSource dataSource, String instanceId) {
    this(dataSource, instanceId, AlertRules::defaults);
  }

  /**
   * @param defaults the default of a rule by name (stored rows of other names are ignored)
   */
  public JdbcAlertStore(
      DataSource dataSource,
      String instanceId,
      java.util.function.Function<String, Optional<AlertRule>> defaults) {
    this.dataSource = dataSource;
    this.instanceId = shorten(instanceId, 64);
    this.defaults = defaults;
  }

  @Override
  public Map<String, AlertRule> storedRules() {
    return query(
        c -> {
          Map<String, AlertRule> rules = new LinkedHashMap<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT name, threshold, window_seconds, severity, enabled FROM alert_rule"
                          + " ORDER BY name");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              String name = r.getString(1);
              AlertRule d = defaults.apply(name).orElse(null);
              if (d == null) {
                continue;
              }
              Severity severity;
              try {
                severity = Severity.valueOf(r.getString(4));
              } catch (IllegalArgumentException e) {
                severity = d.severity();
              }
              rules.put(name, d.with(r.getDouble(2), r.getInt(3), severity, r.getBoolean(5)));
            }
          }
          return rules;
        });
  }

  @Override
  public void saveRule(AlertRule rule, Instant at) {
    query(
        c -> {
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE alert_rule SET threshold = ?, window_seconds = ?, severity = ?,"
                      + " enabled = ?, updated_at = ? WHERE name = ?")) {
            u.setDouble(1, rule.threshold());
            u.setInt(2, rule.windowSeconds());
            u.setString(3, rule.severity().name());
            u.setBoolean(4, rule.enabled());
            u.setTimestamp(5, timestamp(at));
            u.setString(6, rule.name());
            if (u.executeUpdate() == 0) {
              try (PreparedStatement i =
                  c.prepareStatement(
                      "INSERT INTO alert_rule (name, threshold, window_seconds, severity, enabled,"
                          + " updated_at) VALUES (?,?,?,?,?,?)")) {
                i.setString(1, rule.name());
                i.setDouble(2, rule.threshold());
                i.setInt(3, rule.windowSeconds());
                i.setString(4, rule.severity().name());
                i.setBoolean(5, rule.enabled());
                i.setTimestamp(6, timestamp(at));
                i.executeUpdate();
              }
            }
          }
          return null;
        });
  }

  @Override
  public List<Alert> alerts(Optional<AlertState> state, Optional<Severity> severity, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE 1 = 1");
    state.ifPresent(s -> sql.append(" AND state = ?"));
    severity.ifPresent(s -> sql.append(" AND severity = ?"));
    sql.append(" ORDER BY opened_at DESC, id DESC");
    return query(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (state.isPresent()) {
              s.setString(i++, state.get().name());
            }
            if (severity.isPresent()) {
              s.setString(i, severity.get().name());
            }
            s.setMaxRows(limit);
            return read(s);
          }
        });
  }

  @Override
  public List<Alert> active() {
    return query(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM alert WHERE state = 'ACTIVE' ORDER BY opened_at, id")) {
            return read(s);
          }
        });
  }

  @Override
  public Optional<Alert> find(long id) {
    return query(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE id = ?")) {
            s.setLong(1, id);
            return read(s).stream().findFirst();
          }
        });
  }

  @Override
  public Optional<Alert> open(Finding f, Instant at) {
    return query(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO alert (rule_name, cache_name, severity, state, message,"
                      + " metric_value, threshold, opened_at, active_key, instance_id)"
                      + " VALUES (?,?,?,'ACTIVE',?,?,?,?,?,?)",
                  new String[] {"id"})) {
            s.setString(1, f.rule().name());
            s.setString(2, shorten(f.cache(), 128));
            s.setString(3, f.rule().severity().name());
            s.setString(4, shorten(f.message(), 500));
            s.setDouble(5, finite(f.value()));
            s.setDouble(6, finite(f.rule().threshold()));
            s.setTimestamp(7, timestamp(at));
            s.setString(8, shorten(f.key(), 200));
            s.setString(9, instanceId);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
              if (!keys.next()) {
                throw new SQLException("no generated id for the new alert");
              }
              return find(c, keys.getLong(1));
            }
          } catch (SQLException e) {
            if (duplicate(e)) {
              return Optional.empty(); // already active (another instance, or a race)
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<Alert> close(long id, AlertState state, Instant at) {
    return query(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE alert SET state = ?, resolved_at = ?, active_key = NULL"
                      + " WHERE id = ? AND state = 'ACTIVE'")) {
            s.setString(1, state.name());
            s.setTimestamp(2, timestamp(at));
            s.setLong(3, id);
            if (s.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return find(c, id);
        });
  }

  @Override
  public int purge(Instant closedBefore) {
    return query(
        c -> {
          try (PreparedStatement a =
              c.prepareStatement("DELETE FROM alert WHERE state <> 'ACTIVE' AND resolved_at < ?")) {
            a.setTimestamp(1, timestamp(closedBefore));
            return a.executeUpdate();
          }
        });
  }

  private Optional<Alert> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE id = ?")) {
      s.setLong(1, id);
      return read(s).stream().findFirst();
    }
  }

  private static List<Alert> read(PreparedStatement s) throws SQLException {
    List<Alert> alerts = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        Timestamp resolved = r.getTimestamp(10);
        alerts.add(
            new Alert(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                Severity.valueOf(r.getString(4)),
                AlertState.valueOf(r.getString(5)),
                r.getString(6),
                r.getDouble(7),
                r.getDouble(8),
                instant(r.getTimestamp(9)),
                resolved == null ? null : instant(resolved)));
      }
    }
    return alerts;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T query(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("alert store: " + e.getMessage(), e);
    }
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }
}
