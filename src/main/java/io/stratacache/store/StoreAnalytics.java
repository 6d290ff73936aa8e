package io.stratacache.store;

import io.stratacache.platform.SqlValues;
import io.stratacache.platform.UnknownEntityException;
import io.stratacache.store.DiagnosisCalculator.StoreDay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.cache.annotation.CacheResult;

/**
 * The store list, and store dashboards and multi-store diagnosis computed from the database on
 * every call: live (not cancelled) orders are summed per store and day in SQL (a store has about 30
 * orders a day, so a year of one store is 365 rows back); the analysis runs in {@link
 * DiagnosisCalculator}. The endpoints serve the same answers from the {@link StoreHierarchy}; these
 * are its reference (the {@code /reference} endpoints, and the tests that compare the two).
 * Thread-safe; entities never leave this class.
 */
@ApplicationScoped
public class StoreAnalytics {

  /** The most stores one diagnosis may name. */
  public static final int MAX_DIAGNOSIS_STORES = 100;

  @PersistenceContext(unitName = "stratacache")
  EntityManager em;

  /** This bean through its proxy, so that {@link #store} reads the cached {@link #stores()}. */
  @jakarta.inject.Inject StoreAnalytics self;

  /** Every store, by id. Cached. */
  @CacheResult(cacheName = "store-list")
  public List<StoreView> stores() {
    return List.copyOf(em.createNamedQuery(Store.ALL, StoreView.class).getResultList());
  }

  /**
   * The store with {@code id}, from the cached list.
   *
   * @throws UnknownEntityException if there is none
   */
  public StoreView store(long id) {
    for (StoreView s : self.stores()) {
      if (s.id() == id) {
        return s;
      }
    }
    throw new UnknownEntityException("store", id);
  }

  /**
   * The stores with these ids, by id.
   *
   * @throws UnknownEntityException naming the first (lowest) id that does not exist
   */
  public List<StoreView> stores(Set<Long> ids) {
    List<StoreView> found = new ArrayList<>();
    for (Long id : new TreeSet<>(ids)) {
      found.add(store(id));
    }
    return found;
  }

  /**
   * A store's daily sales over {@code range}, every day present, from the database.
   *
   * @throws UnknownEntityException if the store does not exist
   */
  public StoreDashboard dashboard(long storeId, DateRange range) {
    StoreView store = find(Set.of(storeId)).get(0);
    return assemble(store, range, dailySales(List.of(storeId), range));
  }

  /** A dashboard from the store's days with orders inside {@code range}. */
  static StoreDashboard assemble(StoreView store, DateRange range, List<StoreDay> rows) {
    Map<LocalDate, StoreDay> byDate = new HashMap<>();
    for (StoreDay d : rows) {
      byDate.put(d.date(), d);
    }
    List<DailySales> days = new ArrayList<>(range.days());
    BigDecimal revenue = BigDecimal.ZERO;
    long orders = 0;
    for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
      StoreDay day = byDate.get(d);
      BigDecimal r = day == null ? BigDecimal.ZERO.setScale(2) : day.revenue();
      long o = day == null ? 0 : day.orders();
      days.add(DailySales.of(d, r, o));
      revenue = revenue.add(r);
      orders += o;
    }
    return new StoreDashboard(
        store, range.from(), range.to(), SalesTotals.of(revenue, orders), days);
  }

  /**
   * Diagnoses several stores over a range, from the database.
   *
   * @throws UnknownEntityException naming the first store id that does not exist
   */
  public MultiStoreDiagnosis diagnose(Set<Long> storeIds, DateRange range) {
    List<StoreView> stores = find(storeIds);
    List<Long> ids = stores.stream().map(StoreView::id).collect(Collectors.toList());
    return DiagnosisCalculator.diagnose(stores, range, dailySales(ids, range));
  }

  private List<StoreView> find(Set<Long> ids) {
    List<StoreView> found = new ArrayList<>();
    for (Long id : new TreeSet<>(ids)) {
      Store store = em.find(Store.class, id);
      if (store == null) {
        throw new UnknownEntityException("store", id);
      }
      found.add(store.view());
    }
    return found;
  }

  private List<StoreDay> dailySales(List<Long> storeIds, DateRange range) {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < storeIds.size(); i++) {
      in.append(i == 0 ? "" : ", ").append('?').append(i + 3);
    }
    Query query =
        em.createNativeQuery(
                "SELECT store_id, CAST(ordered_at AS DATE), SUM(amount), COUNT(*)"
                    + " FROM store_order WHERE ordered_at >= ?1 AND ordered_at < ?2"
                    + " AND cancelled = FALSE AND store_id IN ("
                    + in
                    + ") GROUP BY store_id, CAST(ordered_at AS DATE)")
            .setParameter(1, range.startInclusive())
            .setParameter(2, range.endExclusive());
    for (int i = 0; i < storeIds.size(); i++) {
      query.setParameter(i + 3, storeIds.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    List<StoreDay> days = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      days.add(
          new StoreDay(
              SqlValues.toLong(row[0]),
              SqlValues.toLocalDate(row[1]),
              SqlValues.toBigDecimal(row[2]),
              SqlValues.toLong(row[3])));
    }
    return days;
  }
}
