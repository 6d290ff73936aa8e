package io.stratacache.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which cached results (levels 3 and 4) cover which store days on this instance, so that a change
 * of one day drops exactly the results whose store set holds the store and whose range holds the
 * day, and nothing else. Thread-safe.
 */
public final class CoverageIndex {

  /** A cached result: its level, key and range. */
  public record Covered(HierarchyLevel level, String key, LocalDate from, LocalDate to) {
    boolean covers(LocalDate day) {
      return !day.isBefore(from) && !day.isAfter(to);
    }
  }

  private final Map<Long, Map<String, Covered>> byStore = new ConcurrentHashMap<>();
  private final Map<String, Collection<Long>> storesOf = new ConcurrentHashMap<>();

  /** Records that {@code result} covers {@code range} of each of {@code stores}. */
  public void add(Collection<Long> stores, Covered result) {
    storesOf.put(id(result), List.copyOf(stores));
    for (Long s : stores) {
      byStore.computeIfAbsent(s, k -> new ConcurrentHashMap<>()).put(id(result), result);
    }
  }

  /**
   * Removes and returns the results covering any of {@code days} of {@code store}, each once and
   * from under every store it covers.
   */
  public List<Covered> removeCovering(long store, Collection<LocalDate> days) {
    List<Covered> hit = new ArrayList<>();
    Map<String, Covered> of = byStore.get(store);
    if (of == null) {
      return hit;
    }
    for (Covered c : of.values()) {
      for (LocalDate d : days) {
        if (c.covers(d)) {
          if (of.remove(id(c), c)) {
            hit.add(c);
          }
          break;
        }
      }
    }
    for (Covered c : hit) {
      remove(c.level(), c.key());
    }
    return hit;
  }

  /**
   * Forgets one result wherever it is indexed (it was evicted); the index therefore holds no more
   * results than the budget does.
   */
  public void remove(HierarchyLevel level, String key) {
    Collection<Long> stores = storesOf.remove(level.name() + "|" + key);
    if (stores != null) {
      remove(stores, level, key);
    }
  }

  /** Forgets one result under {@code stores}. */
  public void remove(Collection<Long> stores, HierarchyLevel level, String key) {
    for (Long s : stores) {
      Map<String, Covered> of = byStore.get(s);
      if (of != null) {
        of.remove(level.name() + "|" + key);
      }
    }
  }

  /** Forgets everything. */
  public void clear() {
    byStore.clear();
    storesOf.clear();
  }

  /** How many (store, result) pairs are indexed. */
  public int size() {
    return byStore.values().stream().mapToInt(Map::size).sum();
  }

  private static String id(Covered c) {
    return c.level().name() + "|" + c.key();
  }
}
