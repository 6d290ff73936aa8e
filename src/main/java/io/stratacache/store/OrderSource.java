package io.stratacache.store;

import io.stratacache.store.DiagnosisCalculator.StoreDay;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

/** Where the hierarchy reads orders when a level misses: the database, or a fake in tests. */
public interface OrderSource {

  /** The live orders of {@code storeId} in [{@code from}, {@code to}), in any order. */
  List<OrderLine> orders(long storeId, LocalDateTime from, LocalDateTime to) throws Exception;

  /**
   * Daily sums of live orders per store over {@code range}, only days with orders, revenue with
   * scale 2; {@code storeIds} empty means every store.
   */
  List<StoreDay> daily(Collection<Long> storeIds, DateRange range) throws Exception;
}
