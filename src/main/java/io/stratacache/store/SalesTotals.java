package io.stratacache.store;

import java.math.BigDecimal;

/** Revenue, order count and average ticket over a date range. */
public record SalesTotals(BigDecimal revenue, long orders, BigDecimal averageTicket)
    implements java.io.Serializable {

  static SalesTotals of(BigDecimal revenue, long orders) {
    return new SalesTotals(revenue, orders, DailySales.averageTicket(revenue, orders));
  }
}
