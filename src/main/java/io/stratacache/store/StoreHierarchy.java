package io.stratacache.store;

import io.stratacache.cache.CacheStats;
import io.stratacache.cache.Lookup;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.store.CoverageIndex.Covered;
import io.stratacache.store.DiagnosisCalculator.StoreDay;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The store hierarchy: four tiered caches that answer store dashboards and multi-store diagnoses,
 * each level built from the one below it and kept exact as orders change.
 *
 * <ol>
 *   <li>{@link HierarchyLevel#ORDERS}: {@link OrderBlock}s, the live orders of a store and month,
 *       compressed, read from the {@link OrderSource} on a miss; they serve the order-level views
 *       (a day's orders, the hourly profile, ticket sizes);
 *   <li>{@link HierarchyLevel#DAILY}: {@link DailyPage}s, a store's daily metrics for a month,
 *       built from level 1 on a miss and rewritten day by day when orders change;
 *   <li>{@link HierarchyLevel#DIAGNOSIS}: diagnoses per store set and range, computed from level 2
 *       and dropped when a day they cover changes ({@link CoverageIndex});
 *   <li>{@link HierarchyLevel#HOT}: the answers themselves, in the near tier only (W-TinyLFU), with
 *       a TTL that depends on how hot their stores are.
 * </ol>
 *
 * <p><b>Changes.</b> After an order change commits, {@link #refresh} reads the changed days back
 * from the source (absolute values, so applying a change twice is harmless), rewrites them in the
 * level-2 pages, drops the month's level-1 block and the results covering the days, and hands the
 * change to {@code publisher} for the other instances, which call {@link #onRemoteChange}. Results
 * computed while a change runs are not kept: each is announced in the coverage index before it is
 * computed, so the change's drop reaches its in-flight load, and a change counter read before and
 * after catches the rest. Writes of one page on one instance are serialized; two instances changing
 * the same page at the same moment can leave it one change behind until the next change of that
 * month or its TTL (see docs/store-hierarchy.md).
 *
 * <p><b>Memory.</b> Every entry read or written is weighed into one {@link HierarchyBudget}; over
 * it, this instance's near copies are evicted, cheapest level first.
 *
 * <p>Thread-safe. Values are immutable records; nothing here touches the database directly.
 */
public final class StoreHierarchy {

  private final Map<HierarchyLevel, TieredCache<Object>> levels =
      new EnumMap<>(HierarchyLevel.class);
  private final OrderSource source;
  private final HierarchyBudget budget;
  private final CoverageIndex index = new CoverageIndex();
  private final AtomicLong changes = new AtomicLong();
  private final Object[] pageLocks = new Object[64];
  private final BiConsumer<Long, Set<LocalDate>> publisher;
  private final Map<String, int[]> blockSizes = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Set<Long> hotStores = Set.of();

  /**
   * @param caches the registry holding the four level caches (created here by name)
   * @param source where misses of level 1 and page refreshes read
   * @param budgetBytes the memory budget of all levels on this instance
   * @param publisher told of every local change (store, days) after it is applied here
   */
  public StoreHierarchy(
      TieredCaches caches,
      OrderSource source,
      long budgetBytes,
      BiConsumer<Long, Set<LocalDate>> publisher) {
    for (HierarchyLevel l : HierarchyLevel.values()) {
      levels.put(l, caches.cache(l.cacheName(), Object.class));
    }
    this.source = source;
    this.publisher = publisher;
    this.budget =
        new HierarchyBudget(budgetBytes, (level, key) -> levels.get(level).evictNear(key));
    for (int i = 0; i < pageLocks.length; i++) {
      pageLocks[i] = new Object();
    }
  }

  // ------------------------------------------------------------------------------ reads

  /** A store's dashboard over {@code range}, equal to {@link StoreAnalytics#dashboard}. */
  public StoreDashboard dashboard(StoreView store, DateRange range) {
    String key = "d:" + store.id() + ":" + range.from() + ":" + range.to();
    TieredCache<Object> hot = levels.get(HierarchyLevel.HOT);
    if (hot.peek(key) instanceof Lookup.Present<Object> p) {
      StoreDashboard d = (StoreDashboard) p.value();
      budget.touch(HierarchyLevel.HOT, key, weight(d));
      return d;
    }
    long before = changes.get();
    List<Long> ids = List.of(store.id());
    Covered covered = new Covered(HierarchyLevel.HOT, key, range.from(), range.to());
    index.add(ids, covered);
    StoreDashboard d = StoreAnalytics.assemble(store, range, days(ids, range));
    hot.put(key, d, hotTtl(ids), Set.of());
    keep(HierarchyLevel.HOT, key, weight(d), ids, covered, before);
    return d;
  }

  /** A diagnosis of {@code stores} over {@code range}, equal to {@link StoreAnalytics#diagnose}. */
  public MultiStoreDiagnosis diagnose(List<StoreView> stores, DateRange range) {
    List<StoreView> sorted = new ArrayList<>(stores);
    sorted.sort(java.util.Comparator.comparing(StoreView::id));
    List<Long> ids = sorted.stream().map(StoreView::id).collect(Collectors.toList());
    String key = diagnosisKey(ids, range);
    String hotKey = "x:" + key;
    TieredCache<Object> hot = levels.get(HierarchyLevel.HOT);
    if (hot.peek(hotKey) instanceof Lookup.Present<Object> p) {
      MultiStoreDiagnosis d = (MultiStoreDiagnosis) p.value();
      budget.touch(HierarchyLevel.HOT, hotKey, weight(d));
      return d;
    }
    long before = changes.get();
    Covered l3 = new Covered(HierarchyLevel.DIAGNOSIS, key, range.from(), range.to());
    Covered l4 = new Covered(HierarchyLevel.HOT, hotKey, range.from(), range.to());
    index.add(ids, l3);
    index.add(ids, l4);
    MultiStoreDiagnosis d =
        (MultiStoreDiagnosis)
            levels
                .get(HierarchyLevel.DIAGNOSIS)
                .get(key, k -> DiagnosisCalculator.diagnose(sorted, range, days(ids, range)));
    keep(HierarchyLevel.DIAGNOSIS, key, weight(d), ids, l3, before);
    hot.put(hotKey, d, hotTtl(ids), Set.of());
    keep(HierarchyLevel.HOT, hotKey, weight(d), ids, l4, before);
    return d;
  }

  /** The live orders of a store on one day, oldest first (level 1). */
  public List<OrderLine> dayOrders(long storeId, LocalDate day) {
    List<OrderLine> out = new ArrayList<>();
    for (OrderLine l : block(storeId, YearMonth.from(day)).lines()) {
      if (l.orderedAt().toLocalDate().equals(day)) {
        out.add(l);
      }
    }
    return out;
  }

  /** The order-level profile of a store over {@code range} (level 1). */
  public OrderProfile profile(StoreView store, DateRange range) {
    OrderProfile.Builder b = new OrderProfile.Builder(store, range);
    for (YearMonth m : months(range)) {
      for (OrderLine l : block(store.id(), m).lines()) {
        LocalDate d = l.orderedAt().toLocalDate();
        if (!d.isBefore(range.from()) && !d.isAfter(range.to())) {
          b.add(l);
        }
      }
    }
    return b.build();
  }

  /** The daily metrics page of a store and month (level 2), built from level 1 on a miss. */
  public DailyPage page(long storeId, YearMonth month) {
    String key = pageKey(storeId, month);
    DailyPage page =
        (DailyPage)
            levels
                .get(HierarchyLevel.DAILY)
                .get(key, k -> DailyPage.of(storeId, month, block(storeId, month).lines()));
    budget.touch(HierarchyLevel.DAILY, key, page.weight());
    return page;
  }

  /** The order block of a store and month (level 1), read from the source on a miss. */
  public OrderBlock block(long storeId, YearMonth month) {
    String key = pageKey(storeId, month);
    OrderBlock block =
        (OrderBlock)
            levels
                .get(HierarchyLevel.ORDERS)
                .get(
                    key,
                    k ->
                        OrderBlock.pack(
                            storeId,
                            month,
                            source.orders(
                                storeId,
                                month.atDay(1).atStartOfDay(),
                                month.plusMonths(1).atDay(1).atStartOfDay())));
    budget.touch(HierarchyLevel.ORDERS, key, 64 + block.storedBytes());
    blockSizes.put(key, new int[] {block.rawBytes(), block.storedBytes()});
    return block;
  }

  /**
   * Loads the level-2 pages of {@code storeIds} for {@code months} that are not cached yet: one
   * bulk read of the level per six months, and for the pages no tier holds one read of the source
   * and one bulk write of every tier. A page whose month changes while it loads is returned but not
   * kept (the cache's load-overlaps-write rule, {@link TieredCache#getAll}, and for changes of
   * other instances the change counter read around the load); it loads on demand.
   *
   * @return the pages loaded from the source
   */
  public int warmDaily(Collection<Long> storeIds, List<YearMonth> months) {
    int written = 0;
    TieredCache<Object> daily = levels.get(HierarchyLevel.DAILY);
    for (int from = 0; from < months.size(); from += 6) {
      List<YearMonth> chunk = months.subList(from, Math.min(months.size(), from + 6));
      DateRange range =
          new DateRange(chunk.get(0).atDay(1), chunk.get(chunk.size() - 1).atEndOfMonth());
      Map<String, PageId> wanted = new java.util.LinkedHashMap<>();
      Set<String> loaded = java.util.concurrent.ConcurrentHashMap.newKeySet();
      long before = changes.get();
      for (Long s : storeIds) {
        for (YearMonth m : chunk) {
          wanted.put(pageKey(s, m), new PageId(s, m));
        }
      }
      Map<String, Object> pages =
          daily.getAll(
              wanted.keySet(),
              missing -> {
                Set<Long> stores = new TreeSet<>();
                missing.forEach(k -> stores.add(wanted.get(k).store()));
                Map<Long, List<StoreDay>> byStore = new HashMap<>();
                for (StoreDay d : source.daily(stores, range)) {
                  byStore.computeIfAbsent(d.storeId(), k -> new ArrayList<>()).add(d);
                }
                Map<String, Object> out = new HashMap<>();
                for (String k : missing) {
                  PageId id = wanted.get(k);
                  out.put(
                      k,
                      DailyPage.ofDays(
                          id.store(), id.month(), byStore.getOrDefault(id.store(), List.of())));
                }
                loaded.addAll(out.keySet());
                return out;
              });
      if (changes.get() != before && !loaded.isEmpty()) {
        // A change (maybe another instance's, whose write this load cannot see) ran meanwhile.
        daily.invalidateAll(loaded);
        loaded.forEach(pages::remove);
        loaded.clear();
      }
      written += loaded.size();
      pages.forEach(
          (k, page) -> budget.touch(HierarchyLevel.DAILY, k, ((DailyPage) page).weight()));
    }
    return written;
  }

  /** A level-2 page's store and month. */
  private record PageId(long store, YearMonth month) {}

  /**
   * The staged warm-up's work ({@link StagedWarmup}): the global stage loads the level-2 pages of
   * every store over the last {@code days} days ending {@code today} in one read (and the all-store
   * diagnosis of the last 30 days when there are at most 100 stores); a store stage loads its
   * level-1 blocks and level-2 pages over those days and its default dashboard.
   */
  public StagedWarmup.Warmer warmer(List<StoreView> stores, LocalDate today, int days) {
    DateRange range = new DateRange(today.minusDays(days - 1L), today);
    DateRange recent = new DateRange(today.minusDays(29), today);
    Map<Long, StoreView> byId = new HashMap<>();
    stores.forEach(s -> byId.put(s.id(), s));
    return new StagedWarmup.Warmer() {
      @Override
      public int global() throws Exception {
        int n = warmDaily(byId.keySet(), months(range));
        if (!stores.isEmpty() && stores.size() <= StoreAnalytics.MAX_DIAGNOSIS_STORES) {
          diagnose(stores, recent);
          n++;
        }
        return n;
      }

      @Override
      public int store(long storeId, boolean hot) {
        int n = 0;
        for (YearMonth m : months(range)) {
          block(storeId, m);
          page(storeId, m);
          n += 2;
        }
        dashboard(byId.get(storeId), recent);
        return n + 1;
      }
    };
  }

  // ------------------------------------------------------------------------------ changes

  /**
   * Brings the hierarchy up to date after orders of {@code storeId} on {@code days} changed (and
   * were committed): rewrites those days of cached level-2 pages from the source, drops the months'
   * level-1 blocks and every result covering a day, then publishes the change.
   */
  public void refresh(long storeId, Set<LocalDate> days) throws Exception {
    if (days.isEmpty()) {
      return;
    }
    Map<YearMonth, Set<LocalDate>> byMonth = byMonth(days);
    TieredCache<Object> daily = levels.get(HierarchyLevel.DAILY);
    for (Map.Entry<YearMonth, Set<LocalDate>> e : byMonth.entrySet()) {
      YearMonth m = e.getKey();
      String key = pageKey(storeId, m);
      synchronized (lock(key)) {
        if (daily.peek(key) instanceof Lookup.Present<Object> p) {
          List<StoreDay> fresh =
              source.daily(List.of(storeId), new DateRange(m.atDay(1), m.atEndOfMonth()));
          Map<Integer, long[]> changed = new TreeMap<>();
          for (LocalDate d : e.getValue()) {
            changed.put(d.getDayOfMonth(), new long[] {0, 0});
          }
          for (StoreDay d : fresh) {
            if (e.getValue().contains(d.date())) {
              changed.put(
                  d.date().getDayOfMonth(), new long[] {DailyPage.cents(d.revenue()), d.orders()});
            }
          }
          DailyPage page = ((DailyPage) p.value()).withDays(changed);
          daily.put(key, page);
          budget.touch(HierarchyLevel.DAILY, key, page.weight());
        } else {
          daily.invalidate(key);
          budget.forget(HierarchyLevel.DAILY, key);
        }
        levels.get(HierarchyLevel.ORDERS).invalidate(key);
        budget.forget(HierarchyLevel.ORDERS, key);
      }
    }
    changes.incrementAndGet();
    dropCovering(storeId, days);
    publisher.accept(storeId, days);
  }

  /**
   * Drops, on every instance, whatever the hierarchy holds for {@code days} of {@code storeId}: the
   * fallback when {@link #refresh} failed after a commit.
   */
  public void drop(long storeId, Set<LocalDate> days) {
    for (YearMonth m : byMonth(days).keySet()) {
      String key = pageKey(storeId, m);
      synchronized (lock(key)) {
        levels.get(HierarchyLevel.DAILY).invalidate(key);
        levels.get(HierarchyLevel.ORDERS).invalidate(key);
        budget.forget(HierarchyLevel.DAILY, key);
        budget.forget(HierarchyLevel.ORDERS, key);
      }
    }
    changes.incrementAndGet();
    dropCovering(storeId, days);
    publisher.accept(storeId, days);
  }

  /**
   * Applies another instance's change: that instance rewrote the shared levels, so this one drops
   * its near copies of the months and its results covering the days.
   */
  public void onRemoteChange(long storeId, Set<LocalDate> days) {
    for (YearMonth m : byMonth(days).keySet()) {
      String key = pageKey(storeId, m);
      levels.get(HierarchyLevel.DAILY).evictNear(key);
      levels.get(HierarchyLevel.ORDERS).evictNear(key);
      budget.forget(HierarchyLevel.DAILY, key);
      budget.forget(HierarchyLevel.ORDERS, key);
    }
    changes.incrementAndGet();
    dropCovering(storeId, days);
  }

  /**
   * The bus lost changes of unknown stores: drops this instance's near copies of levels 1 and 2 and
   * every result of levels 3 and 4.
   */
  public void onLoss() {
    changes.incrementAndGet();
    for (HierarchyLevel l : HierarchyLevel.values()) {
      for (String key : budget.keys(l)) {
        levels.get(l).evictNear(key);
        budget.forget(l, key);
      }
    }
    index.clear();
  }

  /** Declares which stores are hot (their hot answers live longer). */
  public void hotStores(Set<Long> ids) {
    hotStores = Set.copyOf(ids);
  }

  /** The stores declared hot. */
  public Set<Long> hotStores() {
    return hotStores;
  }

  /** Empties every level on every instance and forgets the budget's accounts. */
  public void clear() {
    levels.values().forEach(TieredCache::clear);
    index.clear();
    budget.clear();
    changes.incrementAndGet();
  }

  // ------------------------------------------------------------------------------ stats

  /** The figures of every level and of the budget. */
  public HierarchyStats stats() {
    List<HierarchyStats.Level> out = new ArrayList<>();
    long raw = 0;
    long stored = 0;
    for (HierarchyLevel l : HierarchyLevel.values()) {
      TieredCache<Object> cache = levels.get(l);
      CacheStats s = cache.stats();
      var settings = cache.settings();
      out.add(
          new HierarchyStats.Level(
              l.number(),
              l.name().toLowerCase(java.util.Locale.ROOT),
              l.cacheName(),
              budget.entries(l),
              budget.bytes(l),
              s.requests(),
              s.hits(),
              s.misses(),
              s.hitRate(),
              budget.evictions(l),
              settings.nearTtl().toSeconds(),
              settings.gridEnabled() ? settings.gridTtl().toSeconds() : 0));
    }
    // The compression of level 1, over the blocks this instance holds.
    for (String key : budget.keys(HierarchyLevel.ORDERS)) {
      int[] sizes = blockSizes.get(key);
      if (sizes != null) {
        raw += sizes[0];
        stored += sizes[1];
      }
    }
    long used = budget.used();
    return new HierarchyStats(
        out,
        new HierarchyStats.Budget(budget.budget(), used, round(100.0 * used / budget.budget())),
        new HierarchyStats.Compression(
            raw, stored, raw == 0 ? 0 : round(100.0 * (raw - stored) / raw)),
        hotStores.size());
  }

  /** The budget (for the metrics binding). */
  public HierarchyBudget budget() {
    return budget;
  }

  // ------------------------------------------------------------------------------ internals

  /** The hit rate of one level's cache. */
  public double hitRate(HierarchyLevel level) {
    return levels.get(level).stats().hitRate();
  }

  private List<StoreDay> days(List<Long> ids, DateRange range) {
    List<StoreDay> days = new ArrayList<>();
    for (Long id : ids) {
      for (YearMonth m : months(range)) {
        page(id, m).addDays(range, days);
      }
    }
    return days;
  }

  /** Indexes a result computed since {@code before}, or drops it if a change ran meanwhile. */
  private void keep(
      HierarchyLevel level,
      String key,
      int weight,
      Collection<Long> ids,
      Covered covered,
      long before) {
    index.add(ids, covered);
    budget.touch(level, key, weight);
    if (changes.get() != before) {
      levels.get(level).evictNear(key);
      index.remove(ids, level, key);
      budget.forget(level, key);
    }
  }

  private void dropCovering(long storeId, Set<LocalDate> days) {
    for (Covered c : index.removeCovering(storeId, days)) {
      levels.get(c.level()).evictNear(c.key());
      budget.forget(c.level(), c.key());
    }
  }

  private Duration hotTtl(Collection<Long> ids) {
    Duration max = levels.get(HierarchyLevel.HOT).settings().nearTtl();
    for (Long id : ids) {
      if (hotStores.contains(id)) {
        return max;
      }
    }
    Duration quarter = max.dividedBy(4);
    return quarter.isZero() ? max : quarter;
  }

  private Object lock(String key) {
    return pageLocks[(key.hashCode() & 0x7fffffff) % pageLocks.length];
  }

  static String pageKey(long storeId, YearMonth month) {
    return storeId + ":" + month;
  }

  static String diagnosisKey(List<Long> sortedIds, DateRange range) {
    String ids = sortedIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    String key = ids + ":" + range.from() + ":" + range.to();
    if (key.length() <= 400) {
      return key;
    }
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes());
      return "h" + java.util.HexFormat.of().formatHex(h) + ":" + range.from() + ":" + range.to();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<YearMonth> months(DateRange range) {
    List<YearMonth> out = new ArrayList<>();
    for (YearMonth m = YearMonth.from(range.from());
        !m.isAfter(YearMonth.from(range.to()));
        m = m.plusMonths(1)) {
      out.add(m);
    }
    return out;
  }

  private static Map<YearMonth, Set<LocalDate>> byMonth(Set<LocalDate> days) {
    Map<YearMonth, Set<LocalDate>> out = new TreeMap<>();
    for (LocalDate d : days) {
      out.computeIfAbsent(YearMonth.from(d), k -> new TreeSet<>()).add(d);
    }
    return out;
  }

  static int weight(StoreDashboard d) {
    return 256 + 72 * d.days().size();
  }

  static int weight(MultiStoreDiagnosis d) {
    return 256 + 64 * d.trend().size() + 160 * d.ranking().size() + 160 * d.anomalies().size();
  }

  private static double round(double v) {
    return Math.round(v * 10.0) / 10.0;
  }
}
