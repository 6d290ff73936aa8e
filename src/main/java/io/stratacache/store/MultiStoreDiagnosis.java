package io.stratacache.store;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The diagnosis of several stores over a date range.
 *
 * @param totals all stores together
 * @param ranking stores by revenue, highest first (ties by store id)
 * @param trend all stores together per day, oldest first, with the change from the day before
 * @param anomalies days on which a store's revenue lay more than {@link
 *     DiagnosisCalculator#ANOMALY_Z} standard deviations from its mean over the range
 */
@io.stratacache.rest.ImmutableJson
public record MultiStoreDiagnosis(
    LocalDate from,
    LocalDate to,
    int days,
    SalesTotals totals,
    List<StoreRanking> ranking,
    List<TrendPoint> trend,
    List<Anomaly> anomalies)
    implements java.io.Serializable {

  /** Copies the lists, so a cached instance can never change. */
  public MultiStoreDiagnosis {
    ranking = List.copyOf(ranking);
    trend = List.copyOf(trend);
    anomalies = List.copyOf(anomalies);
  }

  /** One store's place in the ranking. {@code revenueShare} is a percentage of the total. */
  public record StoreRanking(
      int rank,
      long storeId,
      String code,
      String name,
      BigDecimal revenue,
      long orders,
      BigDecimal averageTicket,
      double revenueShare)
      implements java.io.Serializable {}

  /**
   * One day of the combined trend. {@code revenueChangePercent} is null on the first day and after
   * a day without revenue.
   */
  public record TrendPoint(
      LocalDate date, BigDecimal revenue, long orders, Double revenueChangePercent)
      implements java.io.Serializable {}

  /** A day whose revenue is far from the store's usual. */
  public record Anomaly(
      long storeId,
      String code,
      LocalDate date,
      BigDecimal revenue,
      double mean,
      double standardDeviation,
      double zScore,
      Kind kind)
      implements java.io.Serializable {

    /** Above or below the mean. */
    public enum Kind {
      SPIKE,
      DROP
    }
  }
}
