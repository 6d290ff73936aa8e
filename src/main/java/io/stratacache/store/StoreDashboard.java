package io.stratacache.store;

import java.time.LocalDate;
import java.util.List;

/** A store's sales between two dates (inclusive): totals and one entry per day, oldest first. */
@io.stratacache.rest.ImmutableJson
public record StoreDashboard(
    StoreView store, LocalDate from, LocalDate to, SalesTotals totals, List<DailySales> days)
    implements java.io.Serializable {

  /** Copies the list, so a cached instance can never change. */
  public StoreDashboard {
    days = List.copyOf(days);
  }
}
