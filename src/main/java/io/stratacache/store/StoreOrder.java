package io.stratacache.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One order of a store: its UTC time, amount, item count and channel. There are about a million;
 * they are only ever read in SQL aggregates.
 */
@Entity
@Table(name = "store_order")
public class StoreOrder {

  @Id private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "store_id")
  private Store store;

  @Column(name = "ordered_at", nullable = false)
  private LocalDateTime orderedAt;

  @Column(nullable = false, precision = 10, scale = 2)
  private BigDecimal amount;

  @Column(nullable = false)
  private int items;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private SalesChannel channel;

  protected StoreOrder() {}

  public Long getId() {
    return id;
  }

  public LocalDateTime getOrderedAt() {
    return orderedAt;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public int getItems() {
    return items;
  }

  public SalesChannel getChannel() {
    return channel;
  }
}
