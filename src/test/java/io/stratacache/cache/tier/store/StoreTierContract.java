package io.stratacache.cache.tier.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.FakeClock;
import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.TierEntry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database under the store tier must do; subclasses give the database. */
abstract class StoreTierContract {
  private static final AtomicInteger CACHES = new AtomicInteger();
  final FakeClock clock = new FakeClock();
  String cacheName;
  JdbcStoreTier tier;

  abstract DataSource dataSource();

  JdbcStoreTier tier(String cache) {
    return JdbcStoreTier.create(dataSource(), JdbcStoreTier.DEFAULT_TABLE, cache, clock);
  }

  @BeforeEach
  void newCache() {
    cacheName = getClass().getSimpleName() + "-" + CACHES.incrementAndGet();
    tier = tier(cacheName);
  }

  TierEntry<byte[]> entry(String value, long retainMillis, String... tags) {
    long now = clock.millis();
    byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    return new TierEntry<>(
        bytes,
        now + retainMillis / 2,
        now + retainMillis,
        7,
        Set.of(tags),
        bytes == null ? 0 : bytes.length);
  }

  int rows(String cache) throws Exception {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT COUNT(*) FROM cache_entry WHERE cache_name = '" + cache + "'")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void putAllGetAll_oneBatchRoundTrip_missingAndDeadKeysLeftOut() throws Exception {
    java.util.Map<String, TierEntry<byte[]>> batch = new java.util.HashMap<>();
    for (int i = 0; i < 1_200; i++) {
      batch.put("k" + i, entry("v" + i, 60_000, "t"));
    }
    batch.put("gone", entry("old", 1_000));
    batch.put("none", entry(null, 60_000));
    tier.putAll(batch);
    assertEquals(1_202, rows(cacheName));
    clock.advance(java.time.Duration.ofSeconds(2));
    java.util.List<String> keys = new java.util.ArrayList<>(batch.keySet());
    keys.add("never");
    java.util.Map<String, TierEntry<byte[]>> read = tier.getAll(keys, clock.millis());
    assertEquals(1_201, read.size());
    assertEquals("v7", new String(read.get("k7").payload(), StandardCharsets.UTF_8));
    assertEquals(Set.of("t"), read.get("k1199").tags());
    assertTrue(read.get("none").isNegative());
    assertEquals(1_201, rows(cacheName), "the dead row is deleted by the bulk read");
    tier.putAll(java.util.Map.of("k1", entry("new", 60_000)));
    assertEquals(
        "new", new String(tier.get("k1", clock.millis()).payload(), StandardCharsets.UTF_8));
    tier.removeAll(java.util.List.of("k1", "k2", "none", "never"));
    assertEquals(1_198, rows(cacheName));
  }

  @Test
  void putGet_roundTripOfEveryField() {
    TierEntry<byte[]> written = entry("value ✓", 60_000, "top", "new");
    tier.put("k", written);
    TierEntry<byte[]> read = tier.get("k", clock.millis());
    assertArrayEquals(written.payload(), read.payload());
    assertEquals(written.expiresAt(), read.expiresAt());
    assertEquals(written.retainUntil(), read.retainUntil());
    assertEquals(7, read.version());
    assertEquals(Set.of("top", "new"), read.tags());
    assertEquals(written.payload().length, read.weight());
  }

  @Test
  void get_circuitBreakerProbeKey_absentOnEveryDatabase() {
    // The key GuardedTier probes a recovered tier with; PostgreSQL refuses NUL in text, which once
    // made every probe fail and kept the store tier out of the cache for good.
    assertNull(tier.get("\u0001stratacache-probe", clock.millis()));
  }

  @Test
  void putGet_notFoundSentinel() {
    tier.put("missing", entry(null, 60_000));
    assertTrue(tier.get("missing", clock.millis()).isNegative());
  }

  @Test
  void put_twice_upsertsOneRow() throws Exception {
    tier.put("k", entry("one", 60_000));
    tier.put("k", entry("two", 60_000, "t"));
    assertEquals(
        "two", new String(tier.get("k", clock.millis()).payload(), StandardCharsets.UTF_8));
    assertEquals(Set.of("t"), tier.get("k", clock.millis()).tags());
    assertEquals(1, rows(cacheName));
  }

  @Test
  void get_pastRetention_nullAndRowPurgedLazily() throws Exception {
    tier.put("k", entry("v", 10_000));
    clock.advance(Duration.ofSeconds(10));
    assertNull(tier.get("k", clock.millis()));
    assertEquals(0, rows(cacheName));
    assertEquals(1, tier.metrics().expirations());
  }

  @Test
  void purgeExpired_deletesDeadRowsOfThisCacheOnly() throws Exception {
    JdbcStoreTier other = tier(cacheName + "-other");
    tier.put("dead", entry("v", 1_000));
    tier.put("alive", entry("v", 60_000));
    other.put("dead", entry("v", 1_000));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, tier.purgeExpired());
    assertEquals(1, rows(cacheName));
    assertEquals(1, rows(cacheName + "-other"));
  }

  @Test
  void removeByTag_exactTagEvenWithLikeCharacters() {
    tier.put("a", entry("v", 60_000, "50%_off"));
    tier.put("b", entry("v", 60_000, "50xxoff"));
    tier.put("c", entry("v", 60_000, "top", "50%_off"));
    tier.put("d", entry("v", 60_000, "top10"));
    assertEquals(2, tier.removeByTag("50%_off"));
    assertNull(tier.get("a", clock.millis()));
    assertNull(tier.get("c", clock.millis()));
    assertNotNull(tier.get("b", clock.millis()));
    assertEquals(0, tier.removeByTag("top"));
    assertNotNull(tier.get("d", clock.millis()));
  }

  @Test
  void removeByPattern_globWithLiteralLikeCharacters() {
    tier.put("brand:1", entry("v", 60_000));
    tier.put("brand:22", entry("v", 60_000));
    tier.put("a_b", entry("v", 60_000));
    tier.put("axb", entry("v", 60_000));
    assertEquals(2, tier.removeByPattern(KeyPattern.glob("brand:*")));
    assertEquals(1, tier.removeByPattern(KeyPattern.glob("a_b")));
    assertNotNull(tier.get("axb", clock.millis()));
    assertEquals(1, tier.removeByPattern(KeyPattern.glob("a?b")));
  }

  @Test
  void removeAndClear_thisCacheOnly() throws Exception {
    JdbcStoreTier other = tier(cacheName + "-other");
    tier.put("a", entry("v", 60_000));
    tier.put("b", entry("v", 60_000));
    other.put("a", entry("v", 60_000));
    tier.remove("a");
    assertNull(tier.get("a", clock.millis()));
    tier.clear();
    assertEquals(0, rows(cacheName));
    assertNotNull(other.get("a", clock.millis()));
  }

  @Test
  void metrics_rowsAndBytes() {
    tier.put("a", entry("x".repeat(1000), 60_000));
    tier.put("b", entry("y", 60_000));
    assertEquals(2, tier.metrics().size());
    assertEquals(1001, tier.metrics().bytes());
  }

  @Test
  void portableUpsert_updateThenInsert() throws Exception {
    JdbcStoreTier portable =
        JdbcStoreTier.create(
            dataSource(),
            JdbcStoreTier.DEFAULT_TABLE,
            cacheName + "-p",
            clock,
            SqlDialect.PORTABLE);
    portable.put("k", entry("one", 60_000));
    portable.put("k", entry("two", 60_000));
    assertEquals(
        "two", new String(portable.get("k", clock.millis()).payload(), StandardCharsets.UTF_8));
    assertEquals(1, rows(cacheName + "-p"));
  }

  @Test
  void create_tableNameNotAnIdentifier_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> JdbcStoreTier.create(dataSource(), "cache_entry; DROP TABLE x", "c", clock));
  }

  private TierEntry<byte[]> versioned(String value, long version) {
    TierEntry<byte[]> e = entry(value, 60_000);
    return new TierEntry<>(
        e.payload(), e.expiresAt(), e.retainUntil(), version, e.tags(), e.weight());
  }

  @Test
  void fence_leavesATombstoneThatIsNeverFresh() {
    tier.put("k", versioned("v", 5));
    tier.fence("k", TierEntry.tombstone(9, clock.millis() + 60_000));
    TierEntry<byte[]> read = tier.get("k", clock.millis());
    assertTrue(read.isTombstone());
    assertFalse(read.isNegative());
    assertFalse(read.isFresh(clock.millis()));
    assertEquals(9, read.version());
  }

  @Test
  void putIfVersion_sawNothing_refusedByATombstoneOrValueWrittenSince() {
    tier.fence("t", TierEntry.tombstone(9, clock.millis() + 60_000));
    assertFalse(tier.putIfVersion("t", versioned("old", 3), 0));
    tier.put("v", versioned("new", 4));
    assertFalse(tier.putIfVersion("v", versioned("old", 3), 0));
    assertTrue(tier.putIfVersion("absent", versioned("fill", 3), 0));
    assertEquals(3, tier.get("absent", clock.millis()).version());
  }

  @Test
  void putIfVersion_sawAVersion_storedOnlyWhileItIsCurrent() {
    tier.fence("k", TierEntry.tombstone(9, clock.millis() + 60_000));
    assertTrue(tier.putIfVersion("k", versioned("fill", 10), 9), "replaces what it saw");
    assertEquals(
        "fill",
        new String(
            tier.get("k", clock.millis()).payload(), java.nio.charset.StandardCharsets.UTF_8));
    assertFalse(tier.putIfVersion("k", versioned("late", 11), 9), "the key moved on");
    tier.fence("k", TierEntry.tombstone(12, clock.millis() + 60_000));
    assertFalse(tier.putIfVersion("k", versioned("late", 13), 10));
    assertTrue(tier.get("k", clock.millis()).isTombstone());
  }

  @Test
  void putIfVersion_deadEntryCountsAsNothing() {
    tier.put("k", entry("old", 1_000));
    clock.advance(java.time.Duration.ofSeconds(5));
    assertTrue(tier.putIfVersion("k", versioned("fill", 20), 0));
    assertEquals(20, tier.get("k", clock.millis()).version());
  }

  @Test
  void putAllIfVersion_storesTheCurrentKeysOnly() {
    tier.fence("x", TierEntry.tombstone(9, clock.millis() + 60_000));
    java.util.Set<String> stored =
        tier.putAllIfVersion(
            java.util.Map.of("x", versioned("old", 3), "y", versioned("old", 3)),
            java.util.Map.of());
    assertEquals(java.util.Set.of("y"), stored);
    assertTrue(tier.get("x", clock.millis()).isTombstone());
  }

  /** One transaction for the batch: a refused key (a live row) does not undo the others. */
  @Test
  void putAllIfVersion_mixedBatch_eachKeyJudgedOnItsOwn() {
    tier.put("live", versioned("new", 4));
    tier.put("dead", entry("old", 1_000));
    tier.put("seen", versioned("mine", 5));
    clock.advance(java.time.Duration.ofSeconds(5));
    java.util.Set<String> stored =
        tier.putAllIfVersion(
            java.util.Map.of(
                "live", versioned("late", 3),
                "dead", versioned("fill", 6),
                "seen", versioned("next", 6),
                "absent", versioned("fill", 6)),
            java.util.Map.of("seen", 5L));
    assertEquals(java.util.Set.of("dead", "seen", "absent"), stored);
    assertEquals(4, tier.get("live", clock.millis()).version());
    assertEquals(6, tier.get("seen", clock.millis()).version());
    assertEquals(6, tier.get("absent", clock.millis()).version());
  }

  /** A batch whose transaction fails as a whole (here its commit) is written key by key. */
  @Test
  void putAllIfVersion_transactionFails_writtenKeyByKey() {
    AtomicInteger commits = new AtomicInteger();
    DataSource failingOnce =
        FailingCommit.around(dataSource(), () -> commits.incrementAndGet() == 1);
    JdbcStoreTier flaky =
        JdbcStoreTier.create(failingOnce, JdbcStoreTier.DEFAULT_TABLE, cacheName + "-f", clock);
    java.util.Set<String> stored =
        flaky.putAllIfVersion(
            java.util.Map.of("a", versioned("one", 3), "b", versioned("two", 3)),
            java.util.Map.of());
    assertEquals(java.util.Set.of("a", "b"), stored);
    assertEquals(1, commits.get(), "the failed commit, then autocommit statements");
    assertEquals(3, flaky.get("a", clock.millis()).version());
    assertEquals(3, flaky.get("b", clock.millis()).version());
  }

  /** A data source whose connections' {@code commit()} fails while {@code fail} says so. */
  static final class FailingCommit {
    private FailingCommit() {}

    static DataSource around(DataSource inner, java.util.function.BooleanSupplier fail) {
      return (DataSource)
          java.lang.reflect.Proxy.newProxyInstance(
              FailingCommit.class.getClassLoader(),
              new Class<?>[] {DataSource.class},
              (proxy, method, args) -> {
                Object result = invoke(inner, method, args);
                if (method.getName().equals("getConnection")) {
                  return connection((Connection) result, fail);
                }
                return result;
              });
    }

    private static Connection connection(
        Connection inner, java.util.function.BooleanSupplier fail) {
      return (Connection)
          java.lang.reflect.Proxy.newProxyInstance(
              FailingCommit.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("commit") && fail.getAsBoolean()) {
                  throw new java.sql.SQLException("injected commit failure", "40001");
                }
                return invoke(inner, method, args);
              });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
        throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (java.lang.reflect.InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
