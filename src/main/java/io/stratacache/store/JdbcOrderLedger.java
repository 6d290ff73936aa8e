package io.stratacache.store;

import io.stratacache.platform.SqlValues;
import io.stratacache.platform.UnknownEntityException;
import io.stratacache.store.DiagnosisCalculator.StoreDay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The orders table ({@code store_order}, Liquibase changes 001 and 700) over plain JDBC: recording
 * orders in one transaction per batch, correcting and cancelling them, and the reads the hierarchy
 * is built from. Every write first locks its store's row ({@code SELECT ... FOR UPDATE}), so writes
 * to one store are serialized across the cluster and the duplicate check of client order ids cannot
 * race; a write returns only after its commit. Cancelled orders are never read. Thread-safe.
 */
final class JdbcOrderLedger implements OrderSource {

  /** The outcome of a batch: the orders recorded and the days they fall on. */
  record Recorded(int accepted, int duplicates, Set<LocalDate> days) {}

  /** The days a correction or cancellation changed (empty: nothing changed). */
  record Changed(Set<LocalDate> days) {}

  private static final int IN_CHUNK = 500;

  private final DataSource dataSource;
  private volatile String nextId;

  JdbcOrderLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records the orders of {@code storeId} whose client ids are not recorded yet (nor earlier in the
   * batch), in one transaction.
   *
   * @throws UnknownEntityException if the store does not exist
   */
  Recorded record(long storeId, List<NewOrder> orders) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        lockStore(c, storeId);
        Set<String> known = existing(c, storeId, orders);
        Set<LocalDate> days = new TreeSet<>();
        int accepted = 0;
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO store_order (id, store_id, ordered_at, amount, items, channel,"
                    + " client_order_id, cancelled) VALUES ("
                    + nextId(c)
                    + ", ?, ?, ?, ?, ?, ?, FALSE)")) {
          for (NewOrder o : orders) {
            if (!known.add(o.clientOrderId())) {
              continue;
            }
            ps.setLong(1, storeId);
            ps.setTimestamp(2, Timestamp.valueOf(o.orderedAt()));
            ps.setBigDecimal(3, o.amount());
            ps.setInt(4, o.items());
            ps.setString(5, o.channel().name());
            ps.setString(6, o.clientOrderId());
            ps.addBatch();
            days.add(o.orderedAt().toLocalDate());
            accepted++;
          }
          if (accepted > 0) {
            ps.executeBatch();
          }
        }
        c.commit();
        return new Recorded(accepted, orders.size() - accepted, days);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Rewrites order {@code clientOrderId} of {@code storeId} with {@code order}'s time, amount,
   * items and channel.
   *
   * @throws UnknownEntityException if the store or the order does not exist
   * @throws CancelledOrderException if the order is cancelled
   */
  Changed correct(long storeId, NewOrder order) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        lockStore(c, storeId);
        LocalDateTime old = live(c, storeId, order.clientOrderId());
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE store_order SET ordered_at = ?, amount = ?, items = ?, channel = ?,"
                    + " updated_at = ? WHERE store_id = ? AND client_order_id = ?")) {
          ps.setTimestamp(1, Timestamp.valueOf(order.orderedAt()));
          ps.setBigDecimal(2, order.amount());
          ps.setInt(3, order.items());
          ps.setString(4, order.channel().name());
          ps.setTimestamp(5, Timestamp.valueOf(LocalDateTime.now(java.time.ZoneOffset.UTC)));
          ps.setLong(6, storeId);
          ps.setString(7, order.clientOrderId());
          ps.executeUpdate();
        }
        c.commit();
        return new Changed(
            new TreeSet<>(List.of(old.toLocalDate(), order.orderedAt().toLocalDate())));
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Cancels order {@code clientOrderId} of {@code storeId}; cancelling a cancelled order changes
   * nothing.
   *
   * @throws UnknownEntityException if the store or the order does not exist
   */
  Changed cancel(long storeId, String clientOrderId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        lockStore(c, storeId);
        LocalDateTime at;
        try {
          at = live(c, storeId, clientOrderId);
        } catch (CancelledOrderException already) {
          c.commit();
          return new Changed(Set.of());
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE store_order SET cancelled = TRUE, updated_at = ?"
                    + " WHERE store_id = ? AND client_order_id = ?")) {
          ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now(java.time.ZoneOffset.UTC)));
          ps.setLong(2, storeId);
          ps.setString(3, clientOrderId);
          ps.executeUpdate();
        }
        c.commit();
        return new Changed(Set.of(at.toLocalDate()));
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  @Override
  public List<OrderLine> orders(long storeId, LocalDateTime from, LocalDateTime to)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, ordered_at, amount, items, channel FROM store_order"
                    + " WHERE store_id = ? AND ordered_at >= ? AND ordered_at < ?"
                    + " AND cancelled = FALSE")) {
      ps.setLong(1, storeId);
      ps.setTimestamp(2, Timestamp.valueOf(from));
      ps.setTimestamp(3, Timestamp.valueOf(to));
      ps.setFetchSize(2000);
      List<OrderLine> lines = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(
              new OrderLine(
                  rs.getLong(1),
                  rs.getTimestamp(2).toLocalDateTime().withNano(0),
                  DailyPage.cents(rs.getBigDecimal(3)),
                  rs.getInt(4),
                  SalesChannel.valueOf(rs.getString(5))));
        }
      }
      return lines;
    }
  }

  @Override
  public List<StoreDay> daily(Collection<Long> storeIds, DateRange range) throws SQLException {
    List<Long> ids = new ArrayList<>(new TreeSet<>(storeIds));
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(dailySql(ids))) {
      ps.setTimestamp(1, Timestamp.valueOf(range.startInclusive()));
      ps.setTimestamp(2, Timestamp.valueOf(range.endExclusive()));
      List<StoreDay> days = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          days.add(
              new StoreDay(
                  rs.getLong(1),
                  SqlValues.toLocalDate(rs.getObject(2)),
                  SqlValues.toBigDecimal(rs.getBigDecimal(3)),
                  rs.getLong(4)));
        }
      }
      return days;
    }
  }

  /**
   * The daily sums' query for {@code storeIds} (empty: every store); parameters: the range's start
   * and end. Answered from index {@code ix_order_store_day} alone (Liquibase 900).
   *
   * <p>The ids are written into the statement as numbers, not bound as parameters: H2 checks a row
   * against an {@code IN} list of parameters one parameter at a time, but against a list of
   * constants with one hash lookup, which for the global warm-up stage (1,000 stores, 5 M orders
   * per six months) is the difference between 50 s and 2 s per read. The ids are {@code long}s
   * formatted here, so nothing a client sent reaches the SQL text.
   */
  static String dailySql(List<Long> storeIds) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT store_id, CAST(ordered_at AS DATE), SUM(amount), COUNT(*) FROM store_order"
                + " WHERE ordered_at >= ? AND ordered_at < ? AND cancelled = FALSE");
    if (!storeIds.isEmpty()) {
      sql.append(" AND store_id IN (");
      for (int i = 0; i < storeIds.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(storeIds.get(i).longValue());
      }
      sql.append(')');
    }
    return sql.append(" GROUP BY store_id, CAST(ordered_at AS DATE)").toString();
  }

  private static void lockStore(Connection c, long storeId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM store WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, storeId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new UnknownEntityException("store", storeId);
        }
      }
    }
  }

  /** The time of a live order. */
  private static LocalDateTime live(Connection c, long storeId, String clientOrderId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ordered_at, cancelled FROM store_order WHERE store_id = ? AND client_order_id = ?")) {
      ps.setLong(1, storeId);
      ps.setString(2, clientOrderId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new UnknownEntityException("order", clientOrderId);
        }
        if (rs.getBoolean(2)) {
          throw new CancelledOrderException(storeId, clientOrderId);
        }
        return rs.getTimestamp(1).toLocalDateTime();
      }
    }
  }

  private static Set<String> existing(Connection c, long storeId, List<NewOrder> orders)
      throws SQLException {
    Set<String> found = new HashSet<>();
    for (int from = 0; from < orders.size(); from += IN_CHUNK) {
      List<NewOrder> chunk = orders.subList(from, Math.min(orders.size(), from + IN_CHUNK));
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT client_order_id FROM store_order WHERE store_id = ? AND client_order_id IN ("
                  + "?, ".repeat(chunk.size() - 1)
                  + "?)")) {
        ps.setLong(1, storeId);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 2, chunk.get(i).clientOrderId());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
      }
    }
    return found;
  }

  /** The next-value expression of {@code store_order_seq} in this database's dialect. */
  private String nextId(Connection c) throws SQLException {
    String expr = nextId;
    if (expr == null) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      expr =
          product.contains("postgres")
              ? "nextval('store_order_seq')"
              : "NEXT VALUE FOR store_order_seq";
      nextId = expr;
    }
    return expr;
  }
}
