package io.stratacache.demo;

import io.stratacache.demo.DemoRows.BrandRow;
import io.stratacache.demo.DemoRows.OrderRow;
import io.stratacache.demo.DemoRows.QuestionRow;
import io.stratacache.demo.DemoRows.ReportRow;
import io.stratacache.demo.DemoRows.StoreRow;
import io.stratacache.demo.DemoRows.UserRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.function.LongConsumer;

/**
 * Writes generated rows with JDBC batches, committing every {@value #BATCH} rows so that readers
 * see partial data while a large set is written. Not thread-safe. Call {@link #finish()} once at
 * the end; SQL errors are rethrown unchecked as {@link DemoDataException}.
 */
final class JdbcDemoWriter implements DemoRows.Sink {

  static final int BATCH = 5_000;

  private final Connection connection;
  private final LongConsumer progress;
  private PreparedStatement statement;
  private String table;
  private int pending;
  private long written;

  /**
   * @param connection a connection this writer may switch to manual commit
   * @param progress told the total number of rows written after each commit
   */
  JdbcDemoWriter(Connection connection, LongConsumer progress) throws SQLException {
    this.connection = connection;
    this.progress = progress;
    connection.setAutoCommit(false);
  }

  @Override
  public void brand(BrandRow row) {
    run(
        "brand",
        "INSERT INTO brand (id, name, category, created_at) VALUES (?, ?, ?, ?)",
        ps -> {
          ps.setLong(1, row.id());
          ps.setString(2, row.name());
          ps.setString(3, row.category());
          ps.setObject(4, row.createdAt());
        });
  }

  @Override
  public void user(UserRow row) {
    run(
        "app_user",
        "INSERT INTO app_user (id, username, email, created_at) VALUES (?, ?, ?, ?)",
        ps -> {
          ps.setLong(1, row.id());
          ps.setString(2, row.username());
          ps.setString(3, row.email());
          ps.setObject(4, row.createdAt());
        });
  }

  @Override
  public void question(QuestionRow row) {
    run(
        "question",
        "INSERT INTO question (id, text, ask_count, created_at) VALUES (?, ?, ?, ?)",
        ps -> {
          ps.setLong(1, row.id());
          ps.setString(2, row.text());
          ps.setLong(3, row.askCount());
          ps.setObject(4, row.createdAt());
        });
  }

  @Override
  public void report(ReportRow row) {
    run(
        "diagnosis_report",
        "INSERT INTO diagnosis_report (id, execution_id, brand_id, user_id, question_id, status,"
            + " created_at, completed_at, score, result_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ps -> {
          ps.setLong(1, row.id());
          ps.setString(2, row.executionId());
          ps.setLong(3, row.brandId());
          ps.setLong(4, row.userId());
          ps.setLong(5, row.questionId());
          ps.setString(6, row.status());
          ps.setObject(7, row.createdAt());
          if (row.completedAt() == null) {
            ps.setNull(8, Types.TIMESTAMP);
          } else {
            ps.setObject(8, row.completedAt());
          }
          if (row.score() == null) {
            ps.setNull(9, Types.INTEGER);
          } else {
            ps.setInt(9, row.score());
          }
          ps.setString(10, row.resultJson());
        });
  }

  @Override
  public void store(StoreRow row) {
    run(
        "store",
        "INSERT INTO store (id, code, name, city, region, opened_on) VALUES (?, ?, ?, ?, ?, ?)",
        ps -> {
          ps.setLong(1, row.id());
          ps.setString(2, row.code());
          ps.setString(3, row.name());
          ps.setString(4, row.city());
          ps.setString(5, row.region());
          ps.setObject(6, row.openedOn());
        });
  }

  @Override
  public void order(OrderRow row) {
    run(
        "store_order",
        "INSERT INTO store_order (id, store_id, ordered_at, amount, items, channel)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        ps -> {
          ps.setLong(1, row.id());
          ps.setLong(2, row.storeId());
          ps.setObject(3, row.orderedAt());
          ps.setBigDecimal(4, row.amount());
          ps.setInt(5, row.items());
          ps.setString(6, row.channel());
        });
  }

  /** Flushes the last batch, commits and restores auto-commit. */
  void finish() {
    try {
      flush();
      if (statement != null) {
        statement.close();
        statement = null;
      }
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new DemoDataException("writing " + table + " failed", e);
    }
  }

  long written() {
    return written;
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private void run(String target, String sql, Binder binder) {
    try {
      if (!target.equals(table)) {
        flush();
        if (statement != null) {
          statement.close();
        }
        statement = connection.prepareStatement(sql);
        table = target;
      }
      binder.bind(statement);
      statement.addBatch();
      if (++pending == BATCH) {
        flush();
      }
    } catch (SQLException e) {
      throw new DemoDataException("writing " + target + " failed", e);
    }
  }

  private void flush() throws SQLException {
    if (pending == 0) {
      return;
    }
    statement.executeBatch();
    connection.commit();
    written += pending;
    pending = 0;
    progress.accept(written);
  }
}
