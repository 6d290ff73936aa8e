package io.stratacache.http;

import io.stratacache.platform.JdbcValues;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The rules in table {@code http_rule} (one JSON document per rule) and their version in {@code
 * http_rule_version} (Liquibase change 500): every change bumps the version in the same
 * transaction, and every instance polls it. SQL failures surface as {@link IllegalStateException}.
 * Thread-safe.
 */
final class JdbcRuleStore {

  private static final Jsonb JSON = JsonbBuilder.create();

  private final DataSource dataSource;

  JdbcRuleStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The current version, or -1 if the rules were never seeded. */
  long version() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT version FROM http_rule_version WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getLong(1) : -1;
    } catch (SQLException e) {
      throw new IllegalStateException("reading http_rule_version failed: " + e.getMessage(), e);
    }
  }

  /** Every rule, by id. */
  List<ResponseRule> rules() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT definition FROM http_rule ORDER BY id");
        ResultSet r = s.executeQuery()) {
      List<ResponseRule> out = new ArrayList<>();
      while (r.next()) {
        out.add(JSON.fromJson(r.getString(1), ResponseRule.class));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("reading http_rule failed: " + e.getMessage(), e);
    }
  }

  /**
   * Inserts {@code defaults} if no instance has seeded the rules yet (the version row decides).
   *
   * @return whether this call seeded them
   */
  boolean seed(List<ResponseRule> defaults, Instant now) {
    return write(
        c -> {
          try (PreparedStatement v =
              c.prepareStatement("INSERT INTO http_rule_version (id, version) VALUES (1, 1)")) {
            v.executeUpdate();
          } catch (SQLException e) {
            if (JdbcValues.duplicate(e)) {
              return false;
            }
            throw e;
          }
          for (ResponseRule r : defaults) {
            insert(c, r, now);
          }
          return true;
        });
  }

  /**
   * Inserts {@code rule}.
   *
   * @return false if its id or pattern is taken
   */
  boolean create(ResponseRule rule, Instant now) {
    return write(
        c -> {
          if (patternTaken(c, rule.pattern(), rule.id())) {
            return false;
          }
          try {
            insert(c, rule, now);
          } catch (SQLException e) {
            if (JdbcValues.duplicate(e)) {
              return false;
            }
            throw e;
          }
          bump(c);
          return true;
        });
  }

  /** Outcome of an update. */
  enum Update {
    DONE,
    UNKNOWN,
    DUPLICATE_PATTERN
  }

  Update update(ResponseRule rule, Instant now) {
    return write(
        c -> {
          try (PreparedStatement e = c.prepareStatement("SELECT 1 FROM http_rule WHERE id = ?")) {
            e.setString(1, rule.id());
            try (ResultSet r = e.executeQuery()) {
              if (!r.next()) {
                return Update.UNKNOWN;
              }
            }
          }
          if (patternTaken(c, rule.pattern(), rule.id())) {
            return Update.DUPLICATE_PATTERN;
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE http_rule SET pattern = ?, definition = ?, updated_at = ? WHERE id = ?")) {
            s.setString(1, rule.pattern());
            s.setString(2, JSON.toJson(rule));
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, rule.id());
            if (s.executeUpdate() == 0) {
              return Update.UNKNOWN;
            }
          }
          bump(c);
          return Update.DONE;
        });
  }

  /** Deletes a rule; false if unknown. */
  boolean delete(String id) {
    return write(
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM http_rule WHERE id = ?")) {
            s.setString(1, id);
            if (s.executeUpdate() == 0) {
              return false;
            }
          }
          bump(c);
          return true;
        });
  }

  private static boolean patternTaken(Connection c, String pattern, String id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT 1 FROM http_rule WHERE pattern = ? AND id <> ?")) {
      s.setString(1, pattern);
      s.setString(2, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static void insert(Connection c, ResponseRule r, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO http_rule (id, pattern, definition, updated_at) VALUES (?, ?, ?, ?)")) {
      s.setString(1, r.id());
      s.setString(2, r.pattern());
      s.setString(3, JSON.toJson(r));
      s.setTimestamp(4, Timestamp.from(now));
      s.executeUpdate();
    }
  }

  private static void bump(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE http_rule_version SET version = version + 1 WHERE id = 1")) {
      if (s.executeUpdate() == 0) {
        try (PreparedStatement i =
            c.prepareStatement("INSERT INTO http_rule_version (id, version) VALUES (1, 1)")) {
          i.executeUpdate();
        }
      }
    }
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T write(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T out = work.run(c);
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("writing http_rule failed: " + e.getMessage(), e);
    }
  }
}
