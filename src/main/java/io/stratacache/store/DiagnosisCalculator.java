package io.stratacache.store;

import io.stratacache.store.MultiStoreDiagnosis.Anomaly;
import io.stratacache.store.MultiStoreDiagnosis.StoreRanking;
import io.stratacache.store.MultiStoreDiagnosis.TrendPoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mathematics of a multi-store diagnosis, from daily per-store sales to totals, ranking, trend
 * and anomalies. Pure and stateless: no database, no clock.
 *
 * <p>Anomalies use each store's daily revenue over the whole range, days without orders counted as
 * zero, against its mean and population standard deviation; a day is anomalous when its z-score's
 * magnitude exceeds {@link #ANOMALY_Z}. A series of n days cannot produce a z-score above (n-1)/√n,
 * so ranges of ten days or fewer never report anomalies.
 */
public final class DiagnosisCalculator {

  /** The z-score magnitude beyond which a day is reported as an anomaly. */
  public static final double ANOMALY_Z = 3.0;

  private DiagnosisCalculator() {}

  /** One store's sales on one day, as read from the database. */
  public record StoreDay(long storeId, LocalDate date, BigDecimal revenue, long orders) {}

  /**
   * Diagnoses {@code stores} over {@code range}.
   *
   * @param stores the stores asked for, each once
   * @param days per-store daily sales inside the range; missing days count as no sales
   */
  public static MultiStoreDiagnosis diagnose(
      List<StoreView> stores, DateRange range, List<StoreDay> days) {
    int n = range.days();
    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < stores.size(); i++) {
      index.put(stores.get(i).id(), i);
    }
    BigDecimal[][] revenue = new BigDecimal[stores.size()][n];
    long[][] orders = new long[stores.size()][n];
    for (BigDecimal[] row : revenue) {
      java.util.Arrays.fill(row, BigDecimal.ZERO);
    }
    for (StoreDay d : days) {
      Integer s = index.get(d.storeId());
      int day = (int) (d.date().toEpochDay() - range.from().toEpochDay());
      if (s == null || day < 0 || day >= n) {
        continue;
      }
      revenue[s][day] = revenue[s][day].add(d.revenue());
      orders[s][day] += d.orders();
    }

    BigDecimal total = BigDecimal.ZERO;
    long totalOrders = 0;
    List<StoreRanking> ranking = new ArrayList<>();
    BigDecimal[] storeRevenue = new BigDecimal[stores.size()];
    long[] storeOrders = new long[stores.size()];
    for (int s = 0; s < stores.size(); s++) {
      storeRevenue[s] = BigDecimal.ZERO;
      for (int day = 0; day < n; day++) {
        storeRevenue[s] = storeRevenue[s].add(revenue[s][day]);
        storeOrders[s] += orders[s][day];
      }
      total = total.add(storeRevenue[s]);
      totalOrders += storeOrders[s];
    }
    List<Integer> order = new ArrayList<>();
    for (int s = 0; s < stores.size(); s++) {
      order.add(s);
    }
    order.sort(
        Comparator.<Integer, BigDecimal>comparing(s -> storeRevenue[s])
            .reversed()
            .thenComparing(s -> stores.get(s).id()));
    int rank = 1;
    for (int s : order) {
      StoreView store = stores.get(s);
      double share =
          total.signum() == 0
              ? 0.0
              : storeRevenue[s]
                  .multiply(BigDecimal.valueOf(100))
                  .divide(total, 2, RoundingMode.HALF_UP)
                  .doubleValue();
      ranking.add(
          new StoreRanking(
              rank++,
              store.id(),
              store.code(),
              store.name(),
              storeRevenue[s],
              storeOrders[s],
              DailySales.averageTicket(storeRevenue[s], storeOrders[s]),
              share));
    }

    List<TrendPoint> trend = new ArrayList<>(n);
    BigDecimal previous = null;
    for (int day = 0; day < n; day++) {
      BigDecimal r = BigDecimal.ZERO;
      long o = 0;
      for (int s = 0; s < stores.size(); s++) {
        r = r.add(revenue[s][day]);
        o += orders[s][day];
      }
      Double change =
          previous == null || previous.signum() == 0
              ? null
              : r.subtract(previous)
                  .multiply(BigDecimal.valueOf(100))
                  .divide(previous, 2, RoundingMode.HALF_UP)
                  .doubleValue();
      trend.add(new TrendPoint(range.from().plusDays(day), r, o, change));
      previous = r;
    }

    List<Anomaly> anomalies = new ArrayList<>();
    for (int s = 0; s < stores.size(); s++) {
      anomalies.addAll(anomalies(stores.get(s), range.from(), revenue[s]));
    }
    anomalies.sort(
        Comparator.comparing(Anomaly::date)
            .thenComparing(a -> -Math.abs(a.zScore()))
            .thenComparing(Anomaly::storeId));
    return new MultiStoreDiagnosis(
        range.from(), range.to(), n, SalesTotals.of(total, totalOrders), ranking, trend, anomalies);
  }

  static List<Anomaly> anomalies(StoreView store, LocalDate from, BigDecimal[] daily) {
    int n = daily.length;
    double[] x = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      x[i] = daily[i].doubleValue();
      mean += x[i];
    }
    mean /= n;
    double variance = 0;
    for (double v : x) {
      variance += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(variance / n);
    List<Anomaly> found = new ArrayList<>();
    if (sd == 0) {
      return found;
    }
    for (int i = 0; i < n; i++) {
      double z = (x[i] - mean) / sd;
      if (Math.abs(z) > ANOMALY_Z) {
        found.add(
            new Anomaly(
                store.id(),
                store.code(),
                from.plusDays(i),
                daily[i],
                round2(mean),
                round2(sd),
                round2(z),
                z > 0 ? Anomaly.Kind.SPIKE : Anomaly.Kind.DROP));
      }
    }
    return found;
  }

  private static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
