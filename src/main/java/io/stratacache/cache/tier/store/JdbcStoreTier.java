package io.stratacache.cache.tier.store;

import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierFactory;
import io.stratacache.cache.tier.TierMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The store tier on a database table (created by the Liquibase changeset {@code
 * liquibase/changes/100-cache-store.xml}), shared by all caches and told apart by {@code
 * cache_name}:
 *
 * <pre>
 * cache_name VARCHAR(100), cache_key VARCHAR(512)   primary key
 * value_bytes BLOB/BYTEA (null for "not found" and tombstones), negative BOOLEAN
 * expires_at, retain_until, version, updated_at     BIGINT (epoch millis; version as written)
 * tags VARCHAR(1000)                                ",tag1,tag2," (tags may not contain a comma)
 * </pre>
 *
 * <p>The database is detected from the connection's metadata on the first write (so creating the
 * tier never touches the database): H2 upserts with {@code MERGE INTO ... KEY}, PostgreSQL with
 * {@code INSERT ... ON CONFLICT}, others with an update-then-insert transaction.
 *
 * <p><b>Fencing</b>: an invalidation of a key ({@link #fence}) leaves a tombstone row ({@code
 * value_bytes} null, {@code negative} false, {@code expires_at} = {@link TierEntry#TOMBSTONE}) with
 * the invalidation's version; {@link #putIfVersion} is an {@code UPDATE ... WHERE version = ?} (or
 * an insert that loses to any live row), so a load that read the key before the invalidation cannot
 * write its value after it. No column was needed: the pair (null value, not negative) was unused.
 *
 * <p>Rows past {@code retain_until} are never returned: a read that meets one deletes it (lazy
 * purge), and {@link #purgeExpired()} deletes them all. Each call takes a connection from the pool
 * and runs in auto-commit, except the portable upsert, which runs in one transaction.
 *
 * <p>Thread-safe. Every {@link SQLException} is rethrown as {@link StoreException} for the core's
 * failure boundary.
 */
public final class JdbcStoreTier implements Tier<byte[]> {
  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(JdbcStoreTier.class.getName());

  /** The default table name, the one the changeset creates. */
  public static final String DEFAULT_TABLE = "cache_entry";

  static final String COLUMNS =
      "cache_name, cache_key, value_bytes, negative, expires_at, retain_until, tags, version,"
          + " updated_at";
  private static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  private static final char ESCAPE = '!';

  private final DataSource dataSource;
  private final String cacheName;
  private final InstantSource clock;
  private final String table;
  private volatile SqlDialect dialect;
  private final LongAdder expirations = new LongAdder();

  private final String select;
  private volatile String upsert;
  private final String update;
  private final String updateIfVersion;
  private final String updateIfDead;
  private final String insert;
  private final String deleteKey;
  private final String deleteDeadKey;
  private final String deleteTag;
  private final String deletePattern;
  private final String deleteAll;
  private final String deleteDead;
  private final String measure;

  private JdbcStoreTier(
      DataSource dataSource, String table, String cacheName, InstantSource clock) {
    this.dataSource = dataSource;
    this.table = table;
    this.cacheName = cacheName;
    this.clock = clock;
    String where = " WHERE cache_name = ? AND cache_key = ?";
    this.select =
        "SELECT value_bytes, negative, expires_at, retain_until, tags, version FROM "
            + table
            + where;
    this.update =
        "UPDATE "
            + table
            + " SET value_bytes = ?, negative = ?, expires_at = ?, retain_until = ?,"
            + " tags = ?, version = ?, updated_at = ?"
            + where;
    this.updateIfVersion = update + " AND version = ?";
    this.updateIfDead = update + " AND retain_until <= ?";
    this.insert = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.deleteKey = "DELETE FROM " + table + where;
    this.deleteDeadKey = deleteKey + " AND retain_until <= ?";
    this.deleteTag =
        "DELETE FROM " + table + " WHERE cache_name = ? AND tags LIKE ? ESCAPE '" + ESCAPE + "'";
    this.deletePattern =
        "DELETE FROM "
            + table
            + " WHERE cache_name = ? AND cache_key LIKE ? ESCAPE '"
            + ESCAPE
            + "'";
    this.deleteAll = "DELETE FROM " + table + " WHERE cache_name = ?";
    this.deleteDead = deleteAll + " AND retain_until <= ?";
    this.measure =
        "SELECT COUNT(*), COALESCE(SUM(OCTET_LENGTH(value_bytes)), 0) FROM "
            + table
            + " WHERE cache_name = ?";
  }

  /**
   * Creates the store tier of one cache.
   *
   * @param dataSource a pooled data source; the tier opens and closes a connection per call
   * @param table the table name, optionally schema-qualified ({@code [schema.]name}, letters,
   *     digits and underscores only)
   * @param cacheName the cache whose rows this tier reads and writes
   * @param clock the registry's time source
   * @throws IllegalArgumentException if the table name is not a plain identifier
   */
  public static JdbcStoreTier create(
      DataSource dataSource, String table, String cacheName, InstantSource clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(clock, "clock");
    if (!TABLE_NAME.matcher(Objects.requireNonNull(table, "table")).matches()) {
      throw new IllegalArgumentException("not a plain table name: " + table);
    }
    return new JdbcStoreTier(dataSource, table, cacheName, clock);
  }

  /**
   * As {@link #create}, with the dialect given instead of detected (tests of the portable path).
   */
  static JdbcStoreTier create(
      DataSource dataSource,
      String table,
      String cacheName,
      InstantSource clock,
      SqlDialect dialect) {
    JdbcStoreTier tier = create(dataSource, table, cacheName, clock);
    tier.upsert = dialect.upsert(table);
    tier.dialect = dialect;
    return tier;
  }

  /** A factory for the cache registry: every cache stores its rows in {@code table}. */
  public static TierFactory factory(DataSource dataSource, String table) {
    return (cacheName, clock) -> create(dataSource, table, cacheName, clock);
  }

  @Override
  public String name() {
    return "store";
  }

  @Override
  public TierEntry<byte[]> get(String key, long now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(select)) {
      statement.setString(1, cacheName);
      statement.setString(2, key);
      long retainUntil;
      TierEntry<byte[]> entry;
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        byte[] value = row.getBytes(1);
        boolean negative = row.getBoolean(2);
        retainUntil = row.getLong(4);
        entry =
            new TierEntry<>(
                negative ? null : value,
                row.getLong(3),
                retainUntil,
                row.getLong(6),
                parseTags(row.getString(5)),
                negative || value == null ? 0 : value.length);
      }
      if (retainUntil <= now) {
        try (PreparedStatement delete = connection.prepareStatement(deleteDeadKey)) {
          delete.setString(1, cacheName);
          delete.setString(2, key);
          delete.setLong(3, now);
          expirations.add(delete.executeUpdate());
        }
        return null;
      }
      if (!entry.isNegative() && !entry.isTombstone() && entry.payload() == null) {
        throw new StoreException("row " + cacheName + "/" + key + " has no value", null);
      }
      return entry;
    } catch (SQLException e) {
      throw new StoreException("store read failed for " + cacheName + "/" + key, e);
    }
  }

  @Override
  public void put(String key, TierEntry<byte[]> entry) {
    try (Connection connection = dataSource.getConnection()) {
      if (dialect == null) {
        SqlDialect detected = SqlDialect.of(connection);
        upsert = detected.upsert(table);
        dialect = detected;
      }
      String upsert = this.upsert;
      if (upsert != null) {
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
          statement.setString(1, cacheName);
          statement.setString(2, key);
          bindValues(statement, 3, entry);
          statement.executeUpdate();
        }
        return;
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        int updated;
        try (PreparedStatement statement = connection.prepareStatement(update)) {
          bindValues(statement, 1, entry);
          statement.setString(8, cacheName);
          statement.setString(9, key);
          updated = statement.executeUpdate();
        }
        if (updated == 0) {
          try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, cacheName);
            statement.setString(2, key);
            bindValues(statement, 3, entry);
            statement.executeUpdate();
          }
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreException("store write failed for " + cacheName + "/" + key, e);
    }
  }

  /** A tombstone row in the key's place (an upsert of {@code tombstone}). */
  @Override
  public void fence(String key, TierEntry<byte[]> tombstone) {
    put(key, tombstone);
  }

  /** One batch of tombstone upserts in one transaction. */
  @Override
  public void fenceAll(Collection<String> keys, TierEntry<byte[]> tombstone) {
    Map<String, TierEntry<byte[]>> batch = new HashMap<>(keys.size() * 2);
    for (String key : keys) {
      batch.put(key, tombstone);
    }
    putAll(batch);
  }

  @Override
  public boolean putIfVersion(String key, TierEntry<byte[]> entry, long seenVersion) {
    try (Connection connection = dataSource.getConnection()) {
      return putIfVersion(connection, key, entry, seenVersion);
    } catch (SQLException e) {
      throw new StoreException("store conditional write failed for " + cacheName + "/" + key, e);
    }
  }

  /**
   * The batch on one connection in one transaction, key by key (each a compare-and-set of its own)
   * in key order, so that two batches lock their rows in one order; one commit for the batch, not
   * one per key (PostgreSQL flushes its log at every commit, H2 writes its store). If the
   * transaction fails as a whole (a deadlock with another statement, a lock timeout), it is rolled
   * back and the batch is written again key by key, each statement committing on its own. On a
   * connection already in a transaction (not in autocommit) the batch joins it, key by key.
   */
  @Override
  public Set<String> putAllIfVersion(
      Map<String, TierEntry<byte[]>> entries, Map<String, Long> seen) {
    Map<String, TierEntry<byte[]>> ordered = new java.util.TreeMap<>(entries);
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.getAutoCommit()) {
        // a transaction is open already (a managed connection enlisted by the caller): join it
        return putAllIfVersion(connection, ordered, seen);
      }
      try {
        connection.setAutoCommit(false);
        Set<String> stored = putAllIfVersion(connection, ordered, seen);
        connection.commit();
        return stored;
      } catch (SQLException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        LOG.log(
            java.util.logging.Level.FINE,
            "store {0}: conditional bulk write of {1} keys rolled back, written key by key: {2}",
            new Object[] {cacheName, entries.size(), e.toString()});
      } finally {
        connection.setAutoCommit(true);
      }
      return putAllIfVersion(connection, ordered, seen);
    } catch (SQLException e) {
      throw new StoreException(
          "store conditional bulk write of " + entries.size() + " keys failed for " + cacheName, e);
    }
  }

  private Set<String> putAllIfVersion(
      Connection connection, Map<String, TierEntry<byte[]>> entries, Map<String, Long> seen)
      throws SQLException {
    Set<String> stored = new HashSet<>();
    for (Map.Entry<String, TierEntry<byte[]>> e : entries.entrySet()) {
      if (putIfVersion(connection, e.getKey(), e.getValue(), seen.getOrDefault(e.getKey(), 0L))) {
        stored.add(e.getKey());
      }
    }
    return stored;
  }

  /**
   * Seen a version: {@code UPDATE ... AND version = ?}. Seen nothing: an {@code INSERT} that a live
   * row (value or tombstone) makes fail, and failing that an {@code UPDATE} of a dead row only.
   */
  private boolean putIfVersion(
      Connection connection, String key, TierEntry<byte[]> entry, long seenVersion)
      throws SQLException {
    if (seenVersion != 0) {
      try (PreparedStatement statement = connection.prepareStatement(updateIfVersion)) {
        bindValues(statement, 1, entry);
        statement.setString(8, cacheName);
        statement.setString(9, key);
        statement.setLong(10, seenVersion);
        return statement.executeUpdate() == 1;
      }
    }
    if (dialect == null) {
      dialect = SqlDialect.of(connection);
      upsert = dialect.upsert(table);
    }
    boolean inserted;
    if (dialect == SqlDialect.POSTGRESQL) {
      try (PreparedStatement statement =
          connection.prepareStatement(insert + " ON CONFLICT (cache_name, cache_key) DO NOTHING")) {
        statement.setString(1, cacheName);
        statement.setString(2, key);
        bindValues(statement, 3, entry);
        inserted = statement.executeUpdate() == 1;
      }
    } else {
      try (PreparedStatement statement = connection.prepareStatement(insert)) {
        statement.setString(1, cacheName);
        statement.setString(2, key);
        bindValues(statement, 3, entry);
        inserted = statement.executeUpdate() == 1;
      } catch (SQLException e) {
        if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
          throw e;
        }
        inserted = false;
      }
    }
    if (inserted) {
      return true;
    }
    try (PreparedStatement statement = connection.prepareStatement(updateIfDead)) {
      bindValues(statement, 1, entry);
      statement.setString(8, cacheName);
      statement.setString(9, key);
      statement.setLong(10, clock.millis());
      return statement.executeUpdate() == 1;
    }
  }

  /** Keys per {@code IN (...)} list of a bulk read or removal. */
  static final int CHUNK = 500;

  /**
   * A batch read on one connection: on PostgreSQL one {@code SELECT ... cache_key IN (...)} per
   * {@value #CHUNK} keys (an index scan of the primary key); on H2 and others one execution of the
   * keyed {@code SELECT} per key, reusing one prepared statement, because H2 evaluates an {@code
   * IN} list on the second primary-key column by scanning every row of the cache (measured: the
   * bulk warm-up slowed down as the table grew). Rows past their retention are deleted in one
   * statement, as {@link #get} does one by one.
   */
  @Override
  public Map<String, TierEntry<byte[]>> getAll(Collection<String> keys, long now) {
    Map<String, TierEntry<byte[]>> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    List<String> all = new ArrayList<>(keys);
    List<String> dead = new ArrayList<>();
    String columns =
        "SELECT cache_key, value_bytes, negative, expires_at, retain_until, tags, version FROM ";
    try (Connection connection = dataSource.getConnection()) {
      if (dialect == null) {
        SqlDialect detected = SqlDialect.of(connection);
        upsert = detected.upsert(table);
        dialect = detected;
      }
      if (dialect != SqlDialect.POSTGRESQL) {
        try (PreparedStatement statement =
            connection.prepareStatement(
                columns + table + " WHERE cache_name = ? AND cache_key = ?")) {
          for (String key : all) {
            statement.setString(1, cacheName);
            statement.setString(2, key);
            try (ResultSet row = statement.executeQuery()) {
              collect(row, now, found, dead);
            }
          }
        }
      } else {
        for (int from = 0; from < all.size(); from += CHUNK) {
          List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
          String sql =
              columns
                  + table
                  + " WHERE cache_name = ? AND cache_key IN ("
                  + placeholders(chunk.size())
                  + ")";
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, cacheName);
            for (int i = 0; i < chunk.size(); i++) {
              statement.setString(i + 2, chunk.get(i));
            }
            try (ResultSet row = statement.executeQuery()) {
              collect(row, now, found, dead);
            }
          }
        }
      }
      if (!dead.isEmpty()) {
        expirations.add(delete(connection, dead, " AND retain_until <= ?", now));
      }
      return found;
    } catch (SQLException e) {
      throw new StoreException(
          "store bulk read of " + all.size() + " keys failed for " + cacheName, e);
    }
  }

  /** Reads rows of (key, value, negative, expires, retain, tags, version) into live and dead. */
  private void collect(
      ResultSet row, long now, Map<String, TierEntry<byte[]>> found, List<String> dead)
      throws SQLException {
    while (row.next()) {
      String key = row.getString(1);
      byte[] value = row.getBytes(2);
      boolean negative = row.getBoolean(3);
      long retainUntil = row.getLong(5);
      if (retainUntil <= now) {
        dead.add(key);
        continue;
      }
      if (!negative && value == null && row.getLong(4) != TierEntry.TOMBSTONE) {
        throw new StoreException("row " + cacheName + "/" + key + " has no value", null);
      }
      found.put(
          key,
          new TierEntry<>(
              negative ? null : value,
              row.getLong(4),
              retainUntil,
              row.getLong(7),
              parseTags(row.getString(6)),
              negative || value == null ? 0 : value.length));
    }
  }

  /**
   * One JDBC batch of upserts in one transaction (the portable dialect: key by key, as {@link
   * #put}).
   */
  @Override
  public void putAll(Map<String, TierEntry<byte[]>> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      if (dialect == null) {
        SqlDialect detected = SqlDialect.of(connection);
        upsert = detected.upsert(table);
        dialect = detected;
      }
      String upsert = this.upsert;
      if (upsert == null) {
        entries.forEach(this::put);
        return;
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(upsert)) {
        for (Map.Entry<String, TierEntry<byte[]>> e : entries.entrySet()) {
          statement.setString(1, cacheName);
          statement.setString(2, e.getKey());
          bindValues(statement, 3, e.getValue());
          statement.addBatch();
        }
        statement.executeBatch();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreException(
          "store bulk write of " + entries.size() + " keys failed for " + cacheName, e);
    }
  }

  /** One {@code DELETE ... cache_key IN (...)} per {@value #CHUNK} keys. */
  @Override
  public void removeAll(Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      delete(connection, new ArrayList<>(keys), "", null);
    } catch (SQLException e) {
      throw new StoreException(
          "store bulk remove of " + keys.size() + " keys failed for " + cacheName, e);
    }
  }

  private int delete(Connection connection, List<String> keys, String condition, Long now)
      throws SQLException {
    int deleted = 0;
    for (int from = 0; from < keys.size(); from += CHUNK) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
      String sql =
          "DELETE FROM "
              + table
              + " WHERE cache_name = ? AND cache_key IN ("
              + placeholders(chunk.size())
              + ")"
              + condition;
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setString(1, cacheName);
        for (int i = 0; i < chunk.size(); i++) {
          statement.setString(i + 2, chunk.get(i));
        }
        if (now != null) {
          statement.setLong(chunk.size() + 2, now);
        }
        deleted += statement.executeUpdate();
      }
    }
    return deleted;
  }

  private static String placeholders(int n) {
    StringBuilder out = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "?" : ", ?");
    }
    return out.toString();
  }

  /** Binds value_bytes, negative, expires_at, retain_until, tags, version, updated_at. */
  private void bindValues(PreparedStatement statement, int first, TierEntry<byte[]> entry)
      throws SQLException {
    statement.setBytes(first, entry.payload());
    statement.setBoolean(first + 1, entry.isNegative());
    statement.setLong(first + 2, entry.expiresAt());
    statement.setLong(first + 3, entry.retainUntil());
    statement.setString(first + 4, formatTags(entry.tags()));
    statement.setLong(first + 5, entry.version());
    statement.setLong(first + 6, clock.millis());
  }

  @Override
  public void remove(String key) {
    update(deleteKey, "remove " + key, cacheName, key);
  }

  @Override
  public long removeByTag(String tag) {
    return update(deleteTag, "remove tag " + tag, cacheName, "%," + escape(tag) + ",%");
  }

  @Override
  public long removeByPattern(KeyPattern pattern) {
    return update(deletePattern, "remove pattern " + pattern, cacheName, pattern.sqlLike(ESCAPE));
  }

  @Override
  public void clear() {
    update(deleteAll, "clear", cacheName);
  }

  @Override
  public long purgeExpired() {
    long purged = update(deleteDead, "purge", cacheName, clock.millis());
    expirations.add(purged);
    return purged;
  }

  @Override
  public TierMetrics metrics() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(measure)) {
      statement.setString(1, cacheName);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return new TierMetrics(row.getLong(1), row.getLong(2), 0, expirations.sum());
      }
    } catch (SQLException e) {
      return TierMetrics.UNKNOWN;
    }
  }

  private int update(String sql, String what, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("store " + what + " failed for cache " + cacheName, e);
    }
  }

  static String formatTags(Set<String> tags) {
    if (tags.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(",");
    for (String tag : tags) {
      out.append(tag).append(',');
    }
    return out.toString();
  }

  static Set<String> parseTags(String column) {
    if (column == null || column.length() < 2) {
      return Set.of();
    }
    return new HashSet<>(Arrays.asList(column.substring(1, column.length() - 1).split(",")));
  }

  private static String escape(String literal) {
    StringBuilder out = new StringBuilder(literal.length() + 4);
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '%' || c == '_' || c == ESCAPE) {
        out.append(ESCAPE);
      }
      out.append(c);
    }
    return out.toString();
  }
}
