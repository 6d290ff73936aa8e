package io.stratacache.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One memory budget, in bytes, over this instance's near copies of the four hierarchy levels. Every
 * entry the hierarchy reads or writes is weighed ({@link #touch}); when the total passes the
 * budget, entries are evicted, least recently used first, from the level cheapest to rebuild
 * ({@link HierarchyLevel#rebuildCost}) that holds more than its floor ({@value #FLOOR_PERCENT}% of
 * the budget; below every floor, from the cheapest level holding anything). The evictor drops the
 * near copy only, so the grid keeps shared levels for the other instances.
 *
 * <p>Thread-safe (one lock; each call is a few map operations). Entries that expire or are dropped
 * by another instance's invalidation stay counted until {@link #forget} or eviction, so the budget
 * errs on the safe side.
 */
public final class HierarchyBudget {

  /** Share of the budget below which a level is evicted only when no level is above its floor. */
  public static final int FLOOR_PERCENT = 10;

  private final long budget;
  private final BiConsumer<HierarchyLevel, String> evictor;
  private final Map<HierarchyLevel, LinkedHashMap<String, Integer>> entries =
      new EnumMap<>(HierarchyLevel.class);
  private final long[] bytes = new long[HierarchyLevel.values().length];
  private final long[] evictions = new long[HierarchyLevel.values().length];

  /**
   * @param budget bytes, positive
   * @param evictor drops a level's near copy of a key; called under this budget's lock: it must not
   *     call back into the budget
   * @throws IllegalArgumentException if {@code budget} is not positive
   */
  public HierarchyBudget(long budget, BiConsumer<HierarchyLevel, String> evictor) {
    if (budget <= 0) {
      throw new IllegalArgumentException("budget must be positive: " + budget);
    }
    this.budget = budget;
    this.evictor = evictor;
    for (HierarchyLevel l : HierarchyLevel.values()) {
      entries.put(l, new LinkedHashMap<>(64, 0.75f, true));
    }
  }

  /** The budget, bytes. */
  public long budget() {
    return budget;
  }

  /**
   * Records that {@code key} of {@code level} weighing {@code weight} bytes is held (or was just
   * read), then evicts until the total is within the budget.
   *
   * @return the entries evicted, as {@code level:key}
   */
  public synchronized List<String> touch(HierarchyLevel level, String key, int weight) {
    Integer old = entries.get(level).put(key, weight);
    bytes[level.ordinal()] += weight - (old == null ? 0 : old);
    return enforce();
  }

  /** Forgets {@code key} of {@code level} (it was invalidated or replaced elsewhere). */
  public synchronized void forget(HierarchyLevel level, String key) {
    Integer old = entries.get(level).remove(key);
    if (old != null) {
      bytes[level.ordinal()] -= old;
    }
  }

  /** Forgets everything (the caches were cleared). */
  public synchronized void clear() {
    entries.values().forEach(Map::clear);
    java.util.Arrays.fill(bytes, 0);
  }

  /** Bytes held by {@code level}. */
  public synchronized long bytes(HierarchyLevel level) {
    return bytes[level.ordinal()];
  }

  /** Entries held by {@code level}. */
  public synchronized int entries(HierarchyLevel level) {
    return entries.get(level).size();
  }

  /** Entries the budget evicted from {@code level}. */
  public synchronized long evictions(HierarchyLevel level) {
    return evictions[level.ordinal()];
  }

  /** The keys of {@code level} held, least recently used first. */
  public synchronized List<String> keys(HierarchyLevel level) {
    return new ArrayList<>(entries.get(level).keySet());
  }

  /** Bytes held by all levels. */
  public synchronized long used() {
    long sum = 0;
    for (long b : bytes) {
      sum += b;
    }
    return sum;
  }

  private List<String> enforce() {
    List<String> evicted = new ArrayList<>();
    long floor = budget * FLOOR_PERCENT / 100;
    while (used() > budget) {
      HierarchyLevel victim = pick(floor);
      if (victim == null) {
        victim = pick(-1);
      }
      if (victim == null) {
        break;
      }
      Iterator<Map.Entry<String, Integer>> it = entries.get(victim).entrySet().iterator();
      Map.Entry<String, Integer> lru = it.next();
      it.remove();
      bytes[victim.ordinal()] -= lru.getValue();
      evictions[victim.ordinal()]++;
      evictor.accept(victim, lru.getKey());
      evicted.add(victim.cacheName() + ":" + lru.getKey());
    }
    return evicted;
  }

  /** The cheapest level holding more than {@code floor} bytes (and at least one entry). */
  private HierarchyLevel pick(long floor) {
    HierarchyLevel best = null;
    for (HierarchyLevel l : HierarchyLevel.values()) {
      if (!entries.get(l).isEmpty()
          && bytes[l.ordinal()] > floor
          && (best == null || l.rebuildCost() < best.rebuildCost())) {
        best = l;
      }
    }
    return best;
  }
}
