package io.stratacache.store;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import io.stratacache.store.DiagnosisCalculator.StoreDay;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store hierarchy over near-only caches and an in-memory order table (the "database"), with the
 * reference answers computed from that table the way {@link StoreAnalytics} computes them in SQL.
 */
final class HierarchyFixture implements OrderSource {

  /** A row of the fake order table. */
  record Row(long id, long store, LocalDateTime at, long cents, boolean cancelled) {}

  final Map<String, Row> rows = new ConcurrentHashMap<>();
  final AtomicInteger orderReads = new AtomicInteger();
  final AtomicInteger dailyReads = new AtomicInteger();
  final List<String> published = new ArrayList<>();

  /** Run inside every {@link #daily} read, after the rows are summed: a change racing a load. */
  volatile Runnable duringDaily = () -> {};

  final TieredCaches caches;
  final StoreHierarchy hierarchy;
  private long nextId = 1;

  HierarchyFixture(long budget) {
    caches =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .settings(
                name ->
                    CacheSettings.builder(name)
                        .tiers(true, false, false)
                        .nearTtl(Duration.ofHours(6))
                        .ttlJitter(0)
                        .build())
            .build();
    hierarchy =
        new StoreHierarchy(caches, this, budget, (s, days) -> published.add(s + ":" + days));
  }

  static StoreView store(long id) {
    return new StoreView(id, "S" + id, "Store " + id, "City", "North", LocalDate.of(2020, 1, 1));
  }

  /** Records or rewrites order {@code client} and returns the days it changed. */
  java.util.Set<LocalDate> put(String client, long store, LocalDateTime at, long cents) {
    Row old = rows.get(client);
    java.util.Set<LocalDate> days = new java.util.TreeSet<>();
    if (old != null && !old.cancelled()) {
      days.add(old.at().toLocalDate());
    }
    rows.put(client, new Row(old == null ? nextId++ : old.id(), store, at, cents, false));
    days.add(at.toLocalDate());
    return days;
  }

  java.util.Set<LocalDate> cancel(String client) {
    Row old = rows.get(client);
    if (old == null || old.cancelled()) {
      return java.util.Set.of();
    }
    rows.put(client, new Row(old.id(), old.store(), old.at(), old.cents(), true));
    return java.util.Set.of(old.at().toLocalDate());
  }

  @Override
  public List<OrderLine> orders(long storeId, LocalDateTime from, LocalDateTime to) {
    orderReads.incrementAndGet();
    List<OrderLine> out = new ArrayList<>();
    for (Row r : rows.values()) {
      if (r.store() == storeId && !r.cancelled() && !r.at().isBefore(from) && r.at().isBefore(to)) {
        out.add(new OrderLine(r.id(), r.at(), r.cents(), 1, SalesChannel.IN_STORE));
      }
    }
    return out;
  }

  @Override
  public List<StoreDay> daily(Collection<Long> storeIds, DateRange range) {
    dailyReads.incrementAndGet();
    Map<String, long[]> sums = new TreeMap<>();
    for (Row r : rows.values()) {
      LocalDate d = r.at().toLocalDate();
      if (!r.cancelled()
          && (storeIds.isEmpty() || storeIds.contains(r.store()))
          && !d.isBefore(range.from())
          && !d.isAfter(range.to())) {
        long[] s = sums.computeIfAbsent(r.store() + "|" + d, k -> new long[2]);
        s[0] += r.cents();
        s[1]++;
      }
    }
    duringDaily.run();
    List<StoreDay> out = new ArrayList<>();
    sums.forEach(
        (k, v) -> {
          String[] p = k.split("\\|");
          out.add(
              new StoreDay(
                  Long.parseLong(p[0]), LocalDate.parse(p[1]), BigDecimal.valueOf(v[0], 2), v[1]));
        });
    return out;
  }

  /** The dashboard computed from the table, as the database computes it. */
  StoreDashboard referenceDashboard(long store, DateRange range) {
    return StoreAnalytics.assemble(store(store), range, daily(List.of(store), range));
  }

  MultiStoreDiagnosis referenceDiagnosis(List<Long> stores, DateRange range) {
    return DiagnosisCalculator.diagnose(
        stores.stream().sorted().map(HierarchyFixture::store).toList(),
        range,
        daily(stores, range));
  }
}
