package io.stratacache.store;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One live (not cancelled) order as the hierarchy keeps it: what the order-level views need.
 *
 * @param id the order's row id
 * @param orderedAt UTC time without zone, to the second
 * @param amountCents the amount in cents, never negative
 * @param items item count
 * @param channel where it was placed
 */
public record OrderLine(
    long id, LocalDateTime orderedAt, long amountCents, int items, SalesChannel channel)
    implements Serializable {

  public OrderLine {
    Objects.requireNonNull(orderedAt, "orderedAt");
    Objects.requireNonNull(channel, "channel");
  }
}
