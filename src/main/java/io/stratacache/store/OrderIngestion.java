package io.stratacache.store;

import io.stratacache.http.ResponseCaching;
import io.stratacache.platform.ApplicationDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Records, corrects and cancels orders, then brings the store hierarchy up to date. Each call
 * commits before it returns, and only then touches the caches: an acknowledged write is in the
 * database, and the next read on any instance sees it. Thread-safe.
 */
@ApplicationScoped
public class OrderIngestion {
  private static final Logger LOG = Logger.getLogger(OrderIngestion.class.getName());

  /** What a recording answers. */
  public record Recorded(
      long storeId, int received, int accepted, int duplicates, List<LocalDate> days) {}

  /** What a correction or cancellation answers. */
  public record Changed(long storeId, String clientOrderId, String action, List<LocalDate> days) {}

  @Inject StoreHierarchy hierarchy;
  @Inject StoreAnalytics analytics;
  @Inject ResponseCaching responses;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  private JdbcOrderLedger ledger;

  @PostConstruct
  void init() {
    ledger = new JdbcOrderLedger(dataSource);
  }

  /**
   * Records the orders of a store not recorded yet under their client ids.
   *
   * @throws io.stratacache.platform.UnknownEntityException if the store does not exist
   */
  public Recorded record(long storeId, List<NewOrder> orders) throws SQLException {
    analytics.store(storeId);
    JdbcOrderLedger.Recorded r = ledger.record(storeId, orders);
    update(storeId, r.days());
    return new Recorded(
        storeId, orders.size(), r.accepted(), r.duplicates(), List.copyOf(r.days()));
  }

  /** Rewrites an order. */
  public Changed correct(long storeId, NewOrder order) throws SQLException {
    analytics.store(storeId);
    JdbcOrderLedger.Changed c = ledger.correct(storeId, order);
    update(storeId, c.days());
    return new Changed(storeId, order.clientOrderId(), "corrected", List.copyOf(c.days()));
  }

  /** Cancels an order (again: nothing changes). */
  public Changed cancel(long storeId, String clientOrderId) throws SQLException {
    analytics.store(storeId);
    JdbcOrderLedger.Changed c = ledger.cancel(storeId, clientOrderId);
    update(storeId, c.days());
    return new Changed(
        storeId,
        clientOrderId,
        c.days().isEmpty() ? "unchanged" : "cancelled",
        List.copyOf(c.days()));
  }

  private void update(long storeId, Set<LocalDate> days) {
    try {
      hierarchy.refresh(storeId, days);
    } catch (Exception e) {
      // Committed already: drop what the hierarchy may hold wrong rather than fail the write.
      LOG.log(
          Level.WARNING,
          "store {0}: hierarchy refresh after a committed change failed ({1}); its levels are"
              + " dropped",
          new Object[] {storeId, e.toString()});
      hierarchy.drop(storeId, days);
    }
    if (!days.isEmpty()) {
      // The response cache's store rules tag their answers store:{id} (README "Response cache").
      responses.invalidate(null, "store:" + storeId, null);
    }
  }
}
