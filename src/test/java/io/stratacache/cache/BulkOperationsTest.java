package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheFixture.Brand;
import io.stratacache.cache.InvalidationEvent.Kind;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link TieredCache#getAll}, {@link TieredCache#putAll} and {@link TieredCache#invalidateAll}: one
 * call per tier per batch, one loader call for the missing keys, and per key the single-flight,
 * publication-guard, coherence and failure rules of the one-key operations.
 */
class BulkOperationsTest {
  private final CacheFixture f = new CacheFixture(CacheFixture.allTiers());
  private final List<Set<String>> loaderCalls = new CopyOnWriteArrayList<>();

  /** A bulk loader that records its calls and knows every key but those starting with "none". */
  private BulkLoader<Brand> loader() {
    return keys -> {
      loaderCalls.add(Set.copyOf(keys));
      Map<String, Brand> found = new HashMap<>();
      for (String key : keys) {
        if (!key.startsWith("none")) {
          found.put(key, brand(key));
        }
      }
      return found;
    };
  }

  private boolean everywhere(String key) {
    return f.nearHolds(key) && f.grid.entries.containsKey(key) && f.store.entries.containsKey(key);
  }

  private boolean anywhere(String key) {
    return f.nearHolds(key) || f.grid.entries.containsKey(key) || f.store.entries.containsKey(key);
  }

  @Test
  void getAll_mixedTiers_eachTierAskedOnceAndLoaderOnce() {
    f.cache.put("near", brand("near"));
    f.cache.put("grid", brand("grid"));
    f.cache.put("store", brand("store"));
    f.cache.nearTier().remove("grid");
    f.cache.nearTier().remove("store");
    f.grid.entries.remove("store");
    int gridGets = f.grid.gets.get();
    int storeGets = f.store.gets.get();

    Map<String, Brand> values =
        f.cache.getAll(List.of("near", "grid", "store", "loaded", "none-1", "grid"), loader());

    assertEquals(List.of("near", "grid", "store", "loaded"), List.copyOf(values.keySet()));
    assertEquals(brand("loaded"), values.get("loaded"));
    assertEquals(List.of(Set.of("loaded", "none-1")), loaderCalls);
    assertEquals(1, f.grid.getAlls.get());
    assertEquals(1, f.store.getAlls.get());
    assertEquals(gridGets, f.grid.gets.get(), "no one-key grid read");
    assertEquals(storeGets, f.store.gets.get(), "no one-key store read");
    assertTrue(everywhere("grid") && everywhere("store") && everywhere("loaded"));
    assertTrue(f.cacheNearEntry("none-1").isNegative(), "not found is cached");
    assertEquals(2, f.grid.putAlls.get(), "the store hit's promotion and the loaded answers");

    f.cache.getAll(List.of("near", "grid", "store", "loaded", "none-1"), loader());
    assertEquals(1, loaderCalls.size(), "all five now near hits");
    CacheStats stats = f.cache.stats();
    assertEquals(2, stats.loads());
    assertEquals(1, stats.negativeHits());
  }

  @Test
  void getAll_empty_noTierNoLoader() {
    assertTrue(f.cache.getAll(List.of(), loader()).isEmpty());
    assertEquals(0, f.grid.getAlls.get());
    assertTrue(loaderCalls.isEmpty());
  }

  @Test
  void getAll_badKey_refusedBeforeAnyRead() {
    assertThrows(IllegalArgumentException.class, () -> f.cache.getAll(List.of("a", ""), loader()));
    assertThrows(NullPointerException.class, () -> f.cache.getAll(List.of("a"), null));
    assertEquals(0, f.grid.getAlls.get());
  }

  @Test
  void getAll_keyLoadingElsewhere_joinedNotLoadedTwice() throws Exception {
    CountDownLatch inLoader = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicInteger singleLoads = new AtomicInteger();
    CompletableFuture<Brand> single =
        CompletableFuture.supplyAsync(
            () ->
                f.cache.get(
                    "slow",
                    key -> {
                      singleLoads.incrementAndGet();
                      inLoader.countDown();
                      finish.await(10, TimeUnit.SECONDS);
                      return brand("slow-single");
                    }));
    assertTrue(inLoader.await(10, TimeUnit.SECONDS));
    CompletableFuture<Map<String, Brand>> bulk =
        CompletableFuture.supplyAsync(() -> f.cache.getAll(List.of("slow", "other"), loader()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (loaderCalls.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(List.of(Set.of("other")), loaderCalls, "the key in flight is not loaded again");
    assertFalse(bulk.isDone(), "the batch waits for the key in flight");
    finish.countDown();
    Map<String, Brand> values = bulk.get(10, TimeUnit.SECONDS);
    assertEquals(brand("slow-single"), values.get("slow"));
    assertEquals(brand("other"), values.get("other"));
    assertEquals(brand("slow-single"), single.get(10, TimeUnit.SECONDS));
    assertEquals(1, singleLoads.get());
  }

  @Test
  void getAll_concurrentBatches_eachKeyLoadedOnce() throws Exception {
    List<String> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      keys.add("k" + i);
    }
    AtomicInteger loadedKeys = new AtomicInteger();
    BulkLoader<Brand> counting =
        batch -> {
          loadedKeys.addAndGet(batch.size());
          Thread.sleep(20);
          Map<String, Brand> m = new HashMap<>();
          batch.forEach(k -> m.put(k, brand(k)));
          return m;
        };
    List<CompletableFuture<Map<String, Brand>>> runs = new java.util.ArrayList<>();
    for (int t = 0; t < 8; t++) {
      List<String> shuffled = new java.util.ArrayList<>(keys);
      java.util.Collections.shuffle(shuffled, new java.util.Random(t));
      runs.add(CompletableFuture.supplyAsync(() -> f.cache.getAll(shuffled, counting)));
    }
    for (CompletableFuture<Map<String, Brand>> run : runs) {
      assertEquals(200, run.get(30, TimeUnit.SECONDS).size());
    }
    assertEquals(200, loadedKeys.get(), "no key loaded twice");
  }

  @Test
  void getAll_invalidationDuringLoad_answersButCachesNothing() {
    f.cache.put("other", brand("other"));
    Map<String, Brand> values =
        f.cache.getAll(
            List.of("k", "j"),
            keys -> {
              f.cache.invalidate("k");
              return Map.of("k", brand("old-k"), "j", brand("j"));
            });
    assertEquals(brand("old-k"), values.get("k"), "the caller gets its load");
    assertFalse(anywhere("k"), "but a load that overlapped an invalidation caches nothing");
    assertTrue(everywhere("j"), "keys of other stripes are cached");
  }

  @Test
  void getAll_putDuringLoad_putWins() {
    f.cache.getAll(
        List.of("k"),
        keys -> {
          f.cache.put("k", brand("new"));
          return Map.of("k", brand("old"));
        });
    assertEquals(brand("new"), f.cache.get("k", f.counting()));
    assertEquals(0, f.loads.get());
    assertEquals(brand("new"), f.cache.nearTier().get("k", f.clock.millis()).payload());
  }

  @Test
  void getAll_loaderThrows_everyKeyFailsNothingCached() {
    f.cache.put("cached", brand("cached"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                f.cache.getAll(
                    List.of("cached", "a", "b"),
                    keys -> {
                      throw new IllegalStateException("db down");
                    }));
    assertEquals("db down", e.getMessage());
    assertFalse(anywhere("a") || anywhere("b"));
    assertEquals(2, f.cache.stats().loadFailures(), "one failure per key of the batch");
    assertEquals(brand("a"), f.cache.get("a", f.counting()), "the slot was freed");
  }

  @Test
  void getAll_checkedLoaderFailure_wrapped() {
    CacheLoadException e =
        assertThrows(
            CacheLoadException.class,
            () ->
                f.cache.getAll(
                    List.of("a"),
                    keys -> {
                      throw new java.io.IOException("disk");
                    }));
    assertTrue(e.getCause() instanceof java.io.IOException);
  }

  @Test
  void getAll_staleIfError_servesStaleKeysAndFailsNoOne() {
    CacheFixture s =
        new CacheFixture(
            CacheFixture.allTiers()
                .staleIfError(Duration.ofMinutes(10))
                .gridTtl(Duration.ofMinutes(1)));
    s.cache.put("a", brand("a"), Duration.ofSeconds(10), Set.of());
    s.clock.advance(Duration.ofSeconds(20));
    Map<String, Brand> values =
        s.cache.getAll(
            List.of("a"),
            keys -> {
              throw new IllegalStateException("db down");
            });
    assertEquals(brand("a"), values.get("a"));
  }

  @Test
  void getAll_failingGrid_skippedServedFromStoreAndLoader() {
    f.cache.put("s", brand("s"));
    f.cache.nearTier().remove("s");
    f.grid.failing = true;
    Map<String, Brand> values = f.cache.getAll(List.of("s", "l"), loader());
    assertEquals(Set.of("s", "l"), values.keySet());
    assertEquals(List.of(Set.of("l")), loaderCalls);
    assertTrue(
        f.cache.stats().tiers().stream().anyMatch(t -> t.tier().equals("grid") && t.errors() > 0));
    assertTrue(f.nearHolds("l") && f.store.entries.containsKey("l"));
  }

  @Test
  void putAll_gridBreakerOpen_keysSkippedMarkedAndRepairedOnRejoin() {
    CacheFixture d =
        new CacheFixture(
            CacheFixture.allTiers()
                .gridTimeout(Duration.ofMillis(100))
                .breaker(
                    new CacheSettings.Breaker(
                        0.5, 5, Duration.ofSeconds(10), Duration.ofSeconds(5))),
            b -> b.tierExecutor(Runnable::run));
    d.cache.putAll(Map.of("a", brand("a1"), "b", brand("b1")));
    d.grid.failing = true;
    for (int i = 0; i < 5; i++) {
      d.cache.getAll(List.of("other-" + i), loader());
    }
    assertEquals(BreakerState.OPEN, d.cache.stats().tier("grid").orElseThrow().state());
    int gridPutAlls = d.grid.putAlls.get();
    d.cache.putAll(Map.of("a", brand("a2"), "b", brand("b2")));
    assertEquals(gridPutAlls, d.grid.putAlls.get(), "an open tier is not called");
    assertEquals(brand("a2"), d.cache.getAll(List.of("a"), loader()).get("a"), "near and store");
    d.grid.failing = false;
    d.clock.advance(Duration.ofSeconds(5));
    d.caches.checkTiers();
    assertEquals(BreakerState.CLOSED, d.cache.stats().tier("grid").orElseThrow().state());
    assertFalse(d.grid.entries.containsKey("a"), "the keys the batch missed were repaired");
    assertFalse(d.nearHolds("a"), "near flushed on rejoin");
    Map<String, Brand> after = d.cache.getAll(List.of("a", "b"), loader());
    assertEquals(brand("a2"), after.get("a"), "from the store, never the grid's old copy");
    assertEquals(brand("b2"), after.get("b"));
  }

  @Test
  void putAll_everyTierWrittenOnce_eachKeyAnnounced() {
    Map<String, Brand> batch = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      batch.put("p" + i, brand("p" + i));
    }
    int events = f.bus.published.size();
    f.cache.putAll(batch, Duration.ofMinutes(1), Set.of("batch"));
    assertEquals(1, f.grid.putAlls.get());
    assertEquals(1, f.store.putAlls.get());
    assertEquals(0, f.grid.puts.get(), "no one-key grid write");
    assertTrue(batch.keySet().stream().allMatch(this::everywhere));
    assertEquals(50, f.bus.published.size() - events);
    assertTrue(f.bus.published.stream().skip(events).allMatch(e -> e.kind() == Kind.KEY));
    assertEquals(50, f.cache.stats().puts());
    f.cache.invalidateByTag("batch");
    assertFalse(anywhere("p7"));
  }

  @Test
  void putAll_badValue_nothingWritten() {
    Map<String, Brand> batch = new HashMap<>();
    batch.put("ok", brand("ok"));
    batch.put("", brand("bad"));
    assertThrows(IllegalArgumentException.class, () -> f.cache.putAll(batch));
    assertFalse(anywhere("ok"));
  }

  @Test
  void putAll_duringSingleLoad_loadNotCached() {
    Brand loaded =
        f.cache.get(
            "k",
            key -> {
              f.cache.putAll(Map.of("k", brand("put")));
              return brand("loaded");
            });
    assertEquals(brand("loaded"), loaded);
    assertEquals(brand("put"), f.cache.nearTier().get("k", f.clock.millis()).payload());
  }

  @Test
  void invalidateAll_removedFromEveryTier_announcedPerKey() {
    f.cache.putAll(Map.of("a", brand("a"), "b", brand("b"), "c", brand("c")));
    int events = f.bus.published.size();
    f.cache.invalidateAll(List.of("a", "b", "a"));
    assertFalse(anywhere("a") || anywhere("b"));
    assertTrue(everywhere("c"));
    assertEquals(1, f.grid.fenceAlls.get(), "one bulk call leaving tombstones");
    assertEquals(1, f.store.fenceAlls.get());
    assertEquals(2, f.bus.published.size() - events);
  }

  @Test
  void invalidateAll_duringBulkLoad_loadNotCached() {
    f.cache.getAll(
        List.of("x", "y"),
        keys -> {
          f.cache.invalidateAll(List.of("x", "y"));
          return Map.of("x", brand("x"), "y", brand("y"));
        });
    assertFalse(anywhere("x") || anywhere("y"));
  }

  @Test
  void getAll_remoteInvalidation_dropsNearCopy() {
    f.cache.getAll(List.of("r"), loader());
    assertTrue(f.nearHolds("r"));
    f.bus.deliver(new InvalidationEvent("brands", Kind.KEY, "r", 1, "other", f.clock.millis()));
    assertFalse(f.nearHolds("r"));
  }

  @Test
  void getAll_defaultMethod_loopsOverGet() {
    TieredCache<Brand> plain = new OneKeyOnly<>(f.cache);
    Map<String, Brand> values = plain.getAll(List.of("d1", "none-d"), loader());
    assertEquals(Set.of("d1"), values.keySet());
    assertEquals(2, loaderCalls.size(), "the default asks one key at a time");
  }

  @Test
  void getAll_nearOnly_noRemoteTier() {
    CacheFixture n =
        new CacheFixture(CacheSettings.builder("near-only").tiers(true, false, false).ttlJitter(0));
    Map<String, Brand> values = n.cache.getAll(List.of("a", "none-b"), loader());
    assertEquals(Set.of("a"), values.keySet());
    assertNull(n.cache.get("none-b", n.counting()));
    assertEquals(0, n.loads.get());
  }

  /** A cache implementing only the one-key methods: the bulk methods are the interface's. */
  private static final class OneKeyOnly<V> implements TieredCache<V> {
    private final TieredCache<V> d;

    OneKeyOnly(TieredCache<V> d) {
      this.d = d;
    }

    @Override
    public String name() {
      return d.name();
    }

    @Override
    public CacheSettings settings() {
      return d.settings();
    }

    @Override
    public V get(String key, CacheLoader<? extends V> loader) {
      return d.get(key, loader);
    }

    @Override
    public Lookup<V> peek(String key) {
      return d.peek(key);
    }

    @Override
    public void put(String key, V value) {
      d.put(key, value);
    }

    @Override
    public void put(String key, V value, Duration ttl, Set<String> tags) {
      d.put(key, value, ttl, tags);
    }

    @Override
    public void invalidate(String key) {
      d.invalidate(key);
    }

    @Override
    public void invalidateByTag(String tag) {
      d.invalidateByTag(tag);
    }

    @Override
    public void invalidateByPattern(String glob) {
      d.invalidateByPattern(glob);
    }

    @Override
    public void clear() {
      d.clear();
    }

    @Override
    public CacheStats stats() {
      return d.stats();
    }
  }
}
