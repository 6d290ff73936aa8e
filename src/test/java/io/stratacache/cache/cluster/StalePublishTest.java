package io.stratacache.cache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.FakeClock;
import io.stratacache.cache.InvalidationBus;
import io.stratacache.cache.StoreSchema;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierFactory;
import io.stratacache.cache.tier.TierMetrics;
import io.stratacache.cache.tier.grid.HazelcastGridTier;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import io.stratacache.cache.tier.store.JdbcStoreTier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stale-publish race across two instances, reproduced deterministically: instance B reads the
 * source (or a lower tier) before instance A invalidates the key, and publishes after it. B's
 * invalidation events are withheld (B's bus is {@code none()}) unless a test needs them, so the
 * fences of the grid and the store alone must refuse B's old value; B's own near tier must not keep
 * it either. Two embedded Hazelcast members, one H2 store, a fake clock.
 */
class StalePublishTest {
  private static final AtomicInteger CACHES = new AtomicInteger();
  private static TwoMembers members;
  private static DataSource database;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final FakeClock clock = new FakeClock();
  private final ExecutorService callers = Executors.newFixedThreadPool(2);
  private String cacheName;

  /** What the source holds: A's write changes it before A invalidates the cache. */
  private final AtomicReference<String> source = new AtomicReference<>("old");

  @BeforeAll
  static void cluster() throws Exception {
    members = new TwoMembers();
    database = StoreSchema.h2("stale-publish");
  }

  @AfterAll
  static void stop() {
    members.close();
  }

  @BeforeEach
  void name() {
    cacheName = "stale-" + CACHES.incrementAndGet();
  }

  @AfterEach
  void close() throws Exception {
    callers.shutdownNow();
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void get_loadOnBOverlapsInvalidationOnA_oldValueInNoTier() throws Exception {
    TieredCache<String> a = cache(registry(members.a, true, null, null));
    TieredCache<String> b = cache(registry(members.b, false, null, null));
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    Future<String> slow =
        callers.submit(
            () ->
                b.get(
                    "k",
                    key -> {
                      String read = source.get(); // read before A's write
                      loading.countDown();
                      release.await(5, TimeUnit.SECONDS);
                      return read;
                    }));
    assertTrue(loading.await(5, TimeUnit.SECONDS));
    source.set("new");
    a.invalidate("k"); // A's write is acknowledged; its event never reaches B
    release.countDown();

    assertEquals("old", slow.get(5, TimeUnit.SECONDS), "B's caller gets what B read");
    assertTrue(gridHolds("k").isTombstone(), "the grid kept the tombstone, not B's value");
    assertTrue(storeIsTombstone("k"), "the store kept the tombstone, not B's value");
    assertTrue(b.peek("k").isAbsent(), "B's near tier did not keep its old value");
    assertEquals("new", b.get("k", key -> source.get()));
    assertEquals("new", a.get("k", key -> "never loaded"));
  }

  @Test
  void getAll_bulkLoadOnBOverlapsInvalidationOnA_oldValuesInNoTier() throws Exception {
    TieredCache<String> a = cache(registry(members.a, true, null, null));
    TieredCache<String> b = cache(registry(members.b, false, null, null));
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    Future<Map<String, String>> slow =
        callers.submit(
            () ->
                b.getAll(
                    List.of("x", "y"),
                    keys -> {
                      String read = source.get();
                      loading.countDown();
                      release.await(5, TimeUnit.SECONDS);
                      return Map.of("x", read, "y", read);
                    }));
    assertTrue(loading.await(5, TimeUnit.SECONDS));
    source.set("new");
    a.invalidateAll(List.of("x")); // y is not invalidated: its load may publish
    release.countDown();

    assertEquals(Map.of("x", "old", "y", "old"), slow.get(5, TimeUnit.SECONDS));
    assertTrue(gridHolds("x").isTombstone());
    assertTrue(storeIsTombstone("x"));
    assertTrue(b.peek("x").isAbsent());
    assertEquals("old", a.get("y", key -> "never loaded"), "an untouched key is published");
  }

  @Test
  void get_storeHitOnBPromotedAfterInvalidationOnA_refusedByTheGrid() throws Exception {
    Pause storeRead = new Pause();
    TieredCache<String> a = cache(registry(members.a, true, null, null));
    TieredCache<String> b = cache(registry(members.b, false, null, storeRead));
    a.put("k", "old");
    members.a.getMap(HazelcastGridTier.MAP_PREFIX + cacheName).delete("k"); // the grid forgot it

    storeRead.arm();
    Future<String> slow = callers.submit(() -> b.get("k", key -> "loaded"));
    assertTrue(storeRead.reached.await(5, TimeUnit.SECONDS), "B read the store");
    a.invalidate("k");
    storeRead.release.countDown();

    assertEquals("old", slow.get(5, TimeUnit.SECONDS), "B's caller gets the store hit");
    assertTrue(gridHolds("k").isTombstone(), "B's promotion to the grid was refused");
    assertTrue(b.peek("k").isAbsent(), "nor did B's near tier keep it");
  }

  @Test
  void get_gridReadOnBBeforeInvalidationOnA_nearDropsItAndNeverRelearnsIt() throws Exception {
    Pause gridRead = new Pause();
    TieredCache<String> a = cache(registry(members.a, true, null, null));
    TieredCache<String> b = cache(registry(members.b, true, gridRead, null));
    a.put("k", "old");

    gridRead.arm();
    Future<String> slow = callers.submit(() -> b.get("k", key -> "loaded"));
    assertTrue(gridRead.reached.await(5, TimeUnit.SECONDS), "B read the grid");
    source.set("new");
    long received = b.stats().coherence().received();
    a.invalidate("k");
    // B's bus delivers A's event while B's read is still paused
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (b.stats().coherence().received() == received && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(b.stats().coherence().received() > received, "A's event reached B");
    gridRead.release.countDown();

    assertEquals("old", slow.get(5, TimeUnit.SECONDS));
    assertTrue(b.peek("k").isAbsent(), "B's near tier did not learn the old grid value");
    assertEquals("new", b.get("k", key -> source.get()));
  }

  @Test
  void get_gridDown_loadOnBStillFencedByTheStore() throws Exception {
    TieredCache<String> a = cache(registry(members.a, true, null, null));
    Failing failingGrid = new Failing();
    TieredCache<String> b = cache(registry(members.b, false, failingGrid, null));
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    failingGrid.down = true;
    Future<String> slow =
        callers.submit(
            () ->
                b.get(
                    "k",
                    key -> {
                      String read = source.get();
                      loading.countDown();
                      release.await(5, TimeUnit.SECONDS);
                      return read;
                    }));
    assertTrue(loading.await(5, TimeUnit.SECONDS));
    source.set("new");
    a.invalidate("k");
    release.countDown();

    assertEquals("old", slow.get(5, TimeUnit.SECONDS));
    assertTrue(storeIsTombstone("k"), "the store refused B's value");
    assertTrue(b.peek("k").isAbsent(), "and so did B's near tier");
  }

  // ------------------------------------------------------------------ fixture

  private TieredCaches registry(
      HazelcastInstance member, boolean withBus, Hook gridHook, Hook storeHook) {
    TierFactory grid = HazelcastGridTier.factory(member);
    TierFactory store = JdbcStoreTier.factory(database, JdbcStoreTier.DEFAULT_TABLE);
    HazelcastLoadCoordinator coordinator = HazelcastLoadCoordinator.create(member);
    TieredCaches caches =
        TieredCaches.builder()
            .clock(clock)
            .near(CaffeineNearTier.factory())
            .grid(hooked(grid, gridHook))
            .store(hooked(store, storeHook))
            .invalidationBus(
                withBus ? HazelcastInvalidationBus.create(member) : InvalidationBus.none())
            .loadCoordinator(coordinator)
            .instanceId(member.getCluster().getLocalMember().getUuid().toString())
            .build();
    closing.add(caches);
    closing.add(coordinator);
    return caches;
  }

  private TieredCache<String> cache(TieredCaches caches) {
    return caches.cache(
        CacheSettings.builder(cacheName).tiers(true, true, true).ttlJitter(0).build(),
        String.class);
  }

  /** The raw grid entry of {@code key} as the tier reads it. */
  private TierEntry<byte[]> gridHolds(String key) {
    TierEntry<byte[]> entry =
        HazelcastGridTier.factory(members.a).create(cacheName, clock).get(key, clock.millis());
    assertFalse(entry == null, "the grid holds nothing for " + key);
    return entry;
  }

  private boolean storeIsTombstone(String key) throws Exception {
    try (Connection c = database.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT value_bytes, negative, expires_at FROM cache_entry"
                    + " WHERE cache_name = ? AND cache_key = ?")) {
      s.setString(1, cacheName);
      s.setString(2, key);
      try (ResultSet row = s.executeQuery()) {
        assertTrue(row.next(), "the store has no row for " + key);
        assertNull(row.getBytes(1));
        return !row.getBoolean(2) && row.getLong(3) == TierEntry.TOMBSTONE;
      }
    }
  }

  private static TierFactory hooked(TierFactory factory, Hook hook) {
    if (hook == null) {
      return factory;
    }
    return (name, time) -> new Hooked(factory.create(name, time), hook);
  }

  /** Runs around a tier's reads. */
  interface Hook {
    void afterRead();

    default void beforeCall() {}
  }

  /** Pauses the next read, once armed, after it has read the tier. */
  static final class Pause implements Hook {
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean armed;

    void arm() {
      armed = true;
    }

    @Override
    public void afterRead() {
      if (armed) {
        armed = false;
        reached.countDown();
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Fails every call while down. */
  static final class Failing implements Hook {
    volatile boolean down;

    @Override
    public void afterRead() {}

    @Override
    public void beforeCall() {
      if (down) {
        throw new IllegalStateException("grid down");
      }
    }
  }

  /** A tier delegating every call, with the hook around it (no async read: reads are hooked). */
  static final class Hooked implements Tier<byte[]> {
    private final Tier<byte[]> delegate;
    private final Hook hook;

    Hooked(Tier<byte[]> delegate, Hook hook) {
      this.delegate = delegate;
      this.hook = hook;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public TierEntry<byte[]> get(String key, long now) {
      hook.beforeCall();
      TierEntry<byte[]> entry = delegate.get(key, now);
      hook.afterRead();
      return entry;
    }

    @Override
    public Map<String, TierEntry<byte[]>> getAll(java.util.Collection<String> keys, long now) {
      hook.beforeCall();
      Map<String, TierEntry<byte[]>> found = delegate.getAll(keys, now);
      hook.afterRead();
      return found;
    }

    @Override
    public void put(String key, TierEntry<byte[]> entry) {
      hook.beforeCall();
      delegate.put(key, entry);
    }

    @Override
    public void putAll(Map<String, TierEntry<byte[]>> entries) {
      hook.beforeCall();
      delegate.putAll(entries);
    }

    @Override
    public boolean putIfVersion(String key, TierEntry<byte[]> entry, long seenVersion) {
      hook.beforeCall();
      return delegate.putIfVersion(key, entry, seenVersion);
    }

    @Override
    public java.util.Set<String> putAllIfVersion(
        Map<String, TierEntry<byte[]>> entries, Map<String, Long> seen) {
      hook.beforeCall();
      return delegate.putAllIfVersion(entries, seen);
    }

    @Override
    public void fence(String key, TierEntry<byte[]> tombstone) {
      hook.beforeCall();
      delegate.fence(key, tombstone);
    }

    @Override
    public void fenceAll(java.util.Collection<String> keys, TierEntry<byte[]> tombstone) {
      hook.beforeCall();
      delegate.fenceAll(keys, tombstone);
    }

    @Override
    public void remove(String key) {
      hook.beforeCall();
      delegate.remove(key);
    }

    @Override
    public void removeAll(java.util.Collection<String> keys) {
      hook.beforeCall();
      delegate.removeAll(keys);
    }

    @Override
    public long removeByTag(String tag) {
      hook.beforeCall();
      return delegate.removeByTag(tag);
    }

    @Override
    public long removeByPattern(KeyPattern pattern) {
      hook.beforeCall();
      return delegate.removeByPattern(pattern);
    }

    @Override
    public void clear() {
      hook.beforeCall();
      delegate.clear();
    }

    @Override
    public TierMetrics metrics() {
      return delegate.metrics();
    }
  }
}
