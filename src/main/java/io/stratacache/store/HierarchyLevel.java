package io.stratacache.store;

/**
 * The four levels of the store hierarchy, each a tiered cache of its own, in the order a read falls
 * through them (hot results first). {@link #rebuildCost} ranks what an eviction loses: the budget
 * evicts the cheapest level first.
 */
public enum HierarchyLevel {
  /** Level 1: raw orders per store and month, compressed ({@link OrderBlock}); rebuilt in SQL. */
  ORDERS("store-orders", 4),
  /** Level 2: daily metrics per store and date, in monthly pages ({@link DailyPage}). */
  DAILY("store-daily", 3),
  /** Level 3: diagnoses per store set and date range, computed from level 2. */
  DIAGNOSIS("store-diagnosis", 2),
  /** Level 4: hot answers (dashboards and diagnoses), W-TinyLFU in the near tier. */
  HOT("store-hot", 1);

  private final String cacheName;
  private final int rebuildCost;

  HierarchyLevel(String cacheName, int rebuildCost) {
    this.cacheName = cacheName;
    this.rebuildCost = rebuildCost;
  }

  /** The tiered cache that holds the level ({@code cache.<name>.*} configures it). */
  public String cacheName() {
    return cacheName;
  }

  /** Relative cost of rebuilding an entry: 1 cheapest. */
  public int rebuildCost() {
    return rebuildCost;
  }

  /** Level number, 1 to 4. */
  public int number() {
    return ordinal() + 1;
  }
}
