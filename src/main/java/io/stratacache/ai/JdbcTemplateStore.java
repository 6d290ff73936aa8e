package io.stratacache.ai;

import io.stratacache.platform.JdbcValues;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The template store over plain JDBC on table {@code ai_template} (Liquibase change {@code
 * 600-ai-templates}), in auto-commit mode; sections are one JSON array column. An update is
 * conditional on the version it replaces, so two concurrent updates cannot both win. SQL failures
 * surface as {@link IllegalStateException}. Thread-safe.
 */
final class JdbcTemplateStore implements TemplateStore {

  private static final String COLUMNS =
      "id, version, name, system_prompt, model, temperature, max_tokens, top_p, seed,"
          + " ttl_seconds, data_source, sections, updated_at";

  private final DataSource dataSource;

  JdbcTemplateStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<Template> list() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT " + COLUMNS + " FROM ai_template ORDER BY id");
        ResultSet r = s.executeQuery()) {
      List<Template> all = new ArrayList<>();
      while (r.next()) {
        all.add(read(r));
      }
      return all;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read ai_template: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Template> find(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT " + COLUMNS + " FROM ai_template WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read ai_template: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean create(Template t) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO ai_template ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(s, t);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      if (JdbcValues.duplicate(e)) {
        return false;
      }
      throw new IllegalStateException("cannot write ai_template: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean update(Template t) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE ai_template SET id = ?, version = ?, name = ?, system_prompt = ?,"
                    + " model = ?, temperature = ?, max_tokens = ?, top_p = ?, seed = ?,"
                    + " ttl_seconds = ?, data_source = ?, sections = ?, updated_at = ?"
                    + " WHERE id = ? AND version = ?")) {
      bind(s, t);
      s.setString(14, t.id());
      s.setInt(15, t.version() - 1);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write ai_template: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement s, Template t) throws SQLException {
    s.setString(1, t.id());
    s.setInt(2, t.version());
    s.setString(3, t.name());
    s.setString(4, t.systemPrompt());
    s.setString(5, t.model());
    setDouble(s, 6, t.temperature());
    if (t.maxTokens() == null) {
      s.setNull(7, Types.INTEGER);
    } else {
      s.setInt(7, t.maxTokens());
    }
    setDouble(s, 8, t.topP());
    if (t.seed() == null) {
      s.setNull(9, Types.BIGINT);
    } else {
      s.setLong(9, t.seed());
    }
    s.setLong(10, t.ttlSeconds());
    s.setString(11, t.dataSource());
    s.setString(12, sectionsJson(t.sections()));
    s.setTimestamp(13, JdbcValues.timestamp(t.updatedAt()));
  }

  private static void setDouble(PreparedStatement s, int i, Double v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.DOUBLE);
    } else {
      s.setDouble(i, v);
    }
  }

  static String sectionsJson(List<TemplateSection> sections) {
    var array = Json.createArrayBuilder();
    for (TemplateSection section : sections) {
      array.add(
          Json.createObjectBuilder()
              .add("id", section.id())
              .add("title", section.title())
              .add("prompt", section.prompt()));
    }
    return array.build().toString();
  }

  static List<TemplateSection> sections(String json) {
    List<TemplateSection> sections = new ArrayList<>();
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonArray array = reader.readArray();
      for (JsonValue v : array) {
        JsonObject o = v.asJsonObject();
        sections.add(
            new TemplateSection(o.getString("id"), o.getString("title"), o.getString("prompt")));
      }
    }
    return sections;
  }

  private static Template read(ResultSet r) throws SQLException {
    double temperature = r.getDouble(6);
    Double t = r.wasNull() ? null : temperature;
    int maxTokens = r.getInt(7);
    Integer mt = r.wasNull() ? null : maxTokens;
    double topP = r.getDouble(8);
    Double tp = r.wasNull() ? null : topP;
    long seed = r.getLong(9);
    Long sd = r.wasNull() ? null : seed;
    return new Template(
        r.getString(1),
        r.getInt(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        t,
        mt,
        tp,
        sd,
        r.getLong(10),
        r.getString(11),
        sections(r.getString(12)),
        JdbcValues.instant(r.getTimestamp(13)));
  }
}
