package io.stratacache.store;

import io.stratacache.store.DiagnosisCalculator.StoreDay;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Level 2 of the store hierarchy: the daily metrics (revenue in cents, order count) of one store
 * for each day of one month, a page of the per-store-and-date metrics. It changes one day at a time
 * ({@link #withDays}): a new, back-dated, corrected or cancelled order rewrites the day it falls on
 * and no other. Immutable (the arrays are never handed out).
 *
 * @param storeId the store
 * @param month {@code yyyy-MM}
 */
public record DailyPage(long storeId, String month, long[] revenueCents, long[] orders)
    implements Serializable {

  /** A page without orders. */
  public static DailyPage empty(long storeId, YearMonth month) {
    int n = month.lengthOfMonth();
    return new DailyPage(storeId, month.toString(), new long[n], new long[n]);
  }

  /** The page of {@code lines}, all of {@code month}. */
  public static DailyPage of(long storeId, YearMonth month, List<OrderLine> lines) {
    DailyPage page = empty(storeId, month);
    for (OrderLine l : lines) {
      int d = l.orderedAt().getDayOfMonth() - 1;
      page.revenueCents[d] += l.amountCents();
      page.orders[d]++;
    }
    return page;
  }

  /** The page of the store's days in {@code month} among {@code days}; other days have nothing. */
  public static DailyPage ofDays(long storeId, YearMonth month, List<StoreDay> days) {
    DailyPage page = empty(storeId, month);
    for (StoreDay d : days) {
      if (d.storeId() == storeId && YearMonth.from(d.date()).equals(month)) {
        page.revenueCents[d.date().getDayOfMonth() - 1] = cents(d.revenue());
        page.orders[d.date().getDayOfMonth() - 1] = d.orders();
      }
    }
    return page;
  }

  /**
   * A copy with the given days replaced.
   *
   * @param days day of month (1-based) to its new {revenue cents, orders}
   */
  public DailyPage withDays(Map<Integer, long[]> days) {
    long[] r = revenueCents.clone();
    long[] o = orders.clone();
    days.forEach(
        (day, v) -> {
          r[day - 1] = v[0];
          o[day - 1] = v[1];
        });
    return new DailyPage(storeId, month, r, o);
  }

  /** The month. */
  public YearMonth yearMonth() {
    return YearMonth.parse(month);
  }

  /**
   * The days of this page inside {@code range} that have orders, as the SQL aggregate answers them
   * (revenue with scale 2).
   */
  public void addDays(DateRange range, List<StoreDay> into) {
    YearMonth m = yearMonth();
    for (int i = 0; i < orders.length; i++) {
      if (orders[i] == 0) {
        continue;
      }
      LocalDate date = m.atDay(i + 1);
      if (!date.isBefore(range.from()) && !date.isAfter(range.to())) {
        into.add(new StoreDay(storeId, date, BigDecimal.valueOf(revenueCents[i], 2), orders[i]));
      }
    }
  }

  /** The days with orders, in a new list. */
  public List<StoreDay> days() {
    List<StoreDay> all = new ArrayList<>();
    YearMonth m = yearMonth();
    addDays(new DateRange(m.atDay(1), m.atEndOfMonth()), all);
    return all;
  }

  /** The bytes this page holds in memory, roughly. */
  public int weight() {
    return 96 + 16 * orders.length;
  }

  @Override
  public long[] revenueCents() {
    return revenueCents.clone();
  }

  @Override
  public long[] orders() {
    return orders.clone();
  }

  static long cents(BigDecimal amount) {
    return amount.movePointRight(2).longValueExact();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DailyPage p
        && p.storeId == storeId
        && p.month.equals(month)
        && Arrays.equals(p.revenueCents, revenueCents)
        && Arrays.equals(p.orders, orders);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(storeId) * 31 + month.hashCode();
  }

  @Override
  public String toString() {
    return "DailyPage[" + storeId + ":" + month + "]";
  }
}
