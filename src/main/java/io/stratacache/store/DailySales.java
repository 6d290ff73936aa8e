package io.stratacache.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Sales of one store (or several) on one UTC day.
 *
 * @param averageTicket revenue per order rounded to cents, zero when there were no orders
 */
public record DailySales(LocalDate date, BigDecimal revenue, long orders, BigDecimal averageTicket)
    implements java.io.Serializable {

  /** Builds a day's figures, deriving the average ticket. */
  public static DailySales of(LocalDate date, BigDecimal revenue, long orders) {
    return new DailySales(date, revenue, orders, averageTicket(revenue, orders));
  }

  static BigDecimal averageTicket(BigDecimal revenue, long orders) {
    return orders == 0
        ? BigDecimal.ZERO.setScale(2)
        : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
  }
}
