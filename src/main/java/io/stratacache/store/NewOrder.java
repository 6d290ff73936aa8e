package io.stratacache.store;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A validated order to record or the corrected content of one ({@link OrderRequests} builds it from
 * a request).
 *
 * @param clientOrderId the client's id, unique per store: 1-64 printable characters
 * @param orderedAt UTC time without zone, to the second
 * @param amount non-negative, at most two decimals
 * @param items non-negative item count
 */
public record NewOrder(
    String clientOrderId,
    LocalDateTime orderedAt,
    BigDecimal amount,
    int items,
    SalesChannel channel) {

  public NewOrder {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(orderedAt, "orderedAt");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(channel, "channel");
  }
}
