package io.stratacache.warmup.hotkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.Lookup;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.jcache.AnnotatedCaching;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.annotation.CacheResult;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hot keys survive a restart: an instance learns from reads and saves to {@code warmup_hot_key}
 * (the real Liquibase change 220, H2 in memory, fake clock); a new instance restores them and warms
 * the same keys, knows the same peak hours, and replays the same calls.
 */
class HotKeyPersistenceTest {

  static final String CHANGESET = "liquibase/changes/220-hot-keys.xml";

  /** 2026-03-02 11:00 UTC. */
  static final long MORNING = Instant.parse("2026-03-02T11:00:00Z").toEpochMilli();

  /** A cached service outside the container: each load returns the key and a version. */
  public static class Shelf {
    static final AtomicInteger LOADS = new AtomicInteger();

    @CacheResult(cacheName = "shelf")
    public String item(String id) {
      return id + "@v" + LOADS.incrementAndGet();
    }

    /** Not cached: a recipe naming it must never be replayed. */
    public String notCached(String id) {
      return id;
    }
  }

  static final Method ITEM;

  static {
    try {
      ITEM = Shelf.class.getMethod("item", String.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final AtomicLong now = new AtomicLong(MORNING);
  final Shelf shelf = new Shelf();
  DataSource dataSource;
  TieredCaches caches;
  TieredCache<Object> cache;

  /** The hot-key state of one instance, as {@link HotKeyTracking} builds it. */
  final class Instance {
    final HotKeys hotKeys;
    final KeyReloaders reloaders;
    final HotKeyPersistence persistence;

    Instance(String id, int keys) {
      HotKeySettings settings =
          HotKeySettings.from(
              k -> k.equals("WARMUP_HOT_KEYS_SAMPLE") ? Optional.of("1") : Optional.empty());
      hotKeys = new HotKeys(settings, now::get, ZoneOffset.UTC);
      reloaders = new KeyReloaders(1000);
      persistence =
          new HotKeyPersistence(
              hotKeys,
              reloaders,
              new ReloadCodec(getClass().getClassLoader(), c -> c == Shelf.class ? shelf : null),
              new JdbcHotKeyStore(dataSource, 5),
              id,
              keys,
              Duration.ofDays(30),
              now::get);
    }

    void read(String key, int times) {
      for (int i = 0; i < times; i++) {
        hotKeys.onGet("shelf", key, 0);
        reloaders.record(
            "shelf", key, new KeyReloaders.Reload(shelf, ITEM, new Object[] {key + "-id"}));
        now.addAndGet(10);
      }
    }

    List<String> top(int k) {
      return hotKeys.top("shelf", k).stream().map(HotKey::key).toList();
    }
  }

  @BeforeEach
  @SuppressWarnings("deprecation")
  void setUp() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:hotkeys" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try (Connection connection = ds.getConnection()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      new Liquibase(CHANGESET, new ClassLoaderResourceAccessor(), database).update(new Contexts());
    }
    dataSource = ds;
    caches =
        TieredCaches.builder().near(CaffeineNearTier.factory()).executor(Runnable::run).build();
    cache =
        caches.cache(
            CacheSettings.builder("shelf").tiers(true, false, false).ttlJitter(0).build(),
            Object.class);
  }

  @AfterEach
  void tearDown() {
    caches.close();
  }

  @Test
  void restore_afterSave_sameTopKeysHourProfileAndRecipes() throws Exception {
    Instance before = new Instance("A", 100);
    before.read("evening", 30);
    now.set(MORNING + Duration.ofHours(8).toMillis()); // 19:00: folds 11:00 into the profile
    before.read("evening", 40);
    before.read("a", 12);
    before.read("b", 7);
    before.read("c", 3);
    List<String> top = before.top(3);
    assertEquals(List.of("evening", "a", "b"), top);
    before.persistence.save();

    now.addAndGet(Duration.ofMinutes(3).toMillis()); // the restart
    Instance after = new Instance("B", 100);
    HotKeyPersistence.Restored r = after.persistence.restore();

    assertEquals(top, after.top(3), "the same hot keys, before any read");
    assertEquals(before.hotKeys.top("shelf", 4), after.hotKeys.top("shelf", 4), "and counts");
    HotKeySketch.HourProfile p = after.hotKeys.profile("shelf").orElseThrow();
    assertEquals(19, p.peakHour("evening"));
    assertEquals(40, p.estimate("evening", 19));
    assertEquals(30, p.estimate("evening", 11));
    assertEquals(4, r.recentKeys());
    assertEquals(4, r.recipes());
    assertEquals(0, r.skipped());
    KeyReloaders.Reload reload = after.reloaders.find("shelf", "a").orElseThrow();
    assertEquals(ITEM, reload.method());
    assertEquals(List.of("a-id"), List.of(reload.args()));

    // traffic_based right after the restart: the keys hot before it are loaded through their call
    int loads = Shelf.LOADS.get();
    HotKeyWarmer.Outcome o =
        new HotKeyWarmer(caches, after.reloaders, new AnnotatedCaching(caches))
            .warm(new HotKeyPlanner(after.hotKeys).traffic(3), false);
    assertEquals(new HotKeyWarmer.Outcome(3, 0, 0), o);
    assertEquals(loads + 3, Shelf.LOADS.get());
    assertInstanceOf(Lookup.Present.class, cache.peek("a"));
  }

  @Test
  void restore_recentKeysOlderThanTwoHours_ignoredButProfileKept() throws Exception {
    Instance before = new Instance("A", 100);
    before.read("x", 5);
    before.persistence.save();
    now.addAndGet(Duration.ofHours(3).toMillis());
    Instance after = new Instance("B", 100);
    after.persistence.restore();
    assertEquals(List.of(), after.top(5));
    assertEquals(11, after.hotKeys.profile("shelf").orElseThrow().peakHour("x"));
  }

  @Test
  void save_predictiveAfterRestore_seesPeakHoursLearnedBefore() throws Exception {
    Instance before = new Instance("A", 100);
    before.read("lunch", 20); // 11:00 on day 1
    now.addAndGet(Duration.ofHours(1).toMillis());
    before.read("other", 1);
    before.persistence.save();
    now.set(MORNING + Duration.ofHours(23).toMillis() + Duration.ofMinutes(55).toMillis());
    Instance after = new Instance("B", 100); // restarted at 10:55 the next day
    after.persistence.restore();
    List<HotKey> peaking = new HotKeyPlanner(after.hotKeys).peakingSoon(10, Duration.ofMinutes(10));
    assertEquals(List.of("lunch"), peaking.stream().map(HotKey::key).toList());
  }

  @Test
  void save_twiceAndFromTwoInstances_profileCountsAddUpOnce() throws Exception {
    Instance a = new Instance("A", 100);
    Instance b = new Instance("B", 100);
    a.read("k", 10);
    b.read("k", 5);
    a.persistence.save();
    a.persistence.save(); // nothing new: adds nothing
    b.persistence.save();
    a.read("k", 2);
    a.persistence.save();
    assertEquals(17, stored("shelf", 11, "k", JdbcHotKeyStore.CLUSTER));

    Instance c = new Instance("C", 100); // a restarted member: seeded, then saves
    c.persistence.restore();
    assertEquals(17, c.hotKeys.profile("shelf").orElseThrow().estimate("k", 11));
    assertEquals(List.of(new HotKey("shelf", "k", 17)), c.hotKeys.top("shelf", 1), "A + B recent");
    c.persistence.save();
    assertEquals(17, stored("shelf", 11, "k", JdbcHotKeyStore.CLUSTER), "the seed is not re-added");
    assertEquals(0, count("slot = -1 AND instance_id = 'C'"), "C saves only its own reads");
    Instance d = new Instance("D", 100); // restarted again within two hours
    d.persistence.restore();
    assertEquals(List.of(new HotKey("shelf", "k", 17)), d.hotKeys.top("shelf", 1), "not 34");
    c.read("k", 1);
    c.persistence.save();
    assertEquals(18, stored("shelf", 11, "k", JdbcHotKeyStore.CLUSTER));
  }

  @Test
  void save_manyKeys_rowsBoundedPerCacheAndSlot() throws Exception {
    Instance a = new Instance("A", 5);
    for (int i = 0; i < 40; i++) {
      a.read("key" + i, 1 + i % 7);
    }
    a.persistence.save();
    now.addAndGet(Duration.ofHours(1).toMillis());
    for (int i = 40; i < 80; i++) {
      a.read("key" + i, 1 + i % 7);
    }
    a.persistence.save();
    assertTrue(count("slot = 11") <= 5, "hour 11: " + count("slot = 11"));
    assertTrue(count("slot = 12") <= 5, "hour 12: " + count("slot = 12"));
    assertEquals(5, count("slot = -1 AND instance_id = 'A'"));
    assertTrue(new JdbcHotKeyStore(dataSource, 5).count() <= 15);
  }

  @Test
  void restore_corruptOrUnknownRows_skippedOthersRestored() throws Exception {
    Instance before = new Instance("A", 100);
    before.read("good", 4);
    before.persistence.save();
    insert(JdbcHotKeyStore.RECENT, "slot42", 3, null, null, null); // fine, no recipe
    insert(42, "badslot", 3, null, null, null);
    insert(-1, "negative", -5, null, null, null);
    insert(-1, "nobean", 2, "io.stratacache.Nope", "item(java.lang.String)", "[\"x\"]");
    insert(-1, "outside", 2, "java.lang.Runtime", "exec(java.lang.String)", "[\"rm\"]");
    insert(-1, "uncached", 2, Shelf.class.getName(), "notCached(java.lang.String)", "[\"x\"]");
    insert(-1, "badjson", 2, Shelf.class.getName(), "item(java.lang.String)", "[\"x\"");
    insert(-1, "badtype", 2, Shelf.class.getName(), "item(java.lang.String)", "[42]");
    insert(-1, "arity", 2, Shelf.class.getName(), "item(java.lang.String)", "[\"a\",\"b\"]");

    Instance after = new Instance("B", 100);
    HotKeyPersistence.Restored r = after.persistence.restore();

    assertEquals(8, r.skipped(), r.toString());
    assertEquals(1, r.recipes());
    assertTrue(after.reloaders.find("shelf", "good").isPresent());
    assertTrue(after.reloaders.find("shelf", "outside").isEmpty());
    assertTrue(after.reloaders.find("shelf", "uncached").isEmpty());
    assertTrue(after.top(20).contains("slot42"));
    assertTrue(after.top(20).contains("good"));
  }

  private void insert(int slot, String key, long estimate, String bean, String method, String args)
      throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO warmup_hot_key (cache_name, slot, cache_key, instance_id, estimate,"
                    + " reload_bean, reload_method, reload_args, updated_at) VALUES"
                    + " ('shelf',?,?,'X',?,?,?,?,?)")) {
      s.setInt(1, slot);
      s.setString(2, key);
      s.setLong(3, estimate);
      s.setString(4, bean);
      s.setString(5, method);
      s.setString(6, args);
      s.setTimestamp(
          7,
          Timestamp.valueOf(
              LocalDateTime.ofInstant(Instant.ofEpochMilli(now.get()), ZoneOffset.UTC)));
      s.executeUpdate();
    }
  }

  private long stored(String cache, int slot, String key, String instance) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT estimate FROM warmup_hot_key WHERE cache_name = ? AND slot = ? AND"
                    + " cache_key = ? AND instance_id = ?")) {
      s.setString(1, cache);
      s.setInt(2, slot);
      s.setString(3, key);
      s.setString(4, instance);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : -1;
      }
    }
  }

  private int count(String where) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM warmup_hot_key WHERE " + where);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getInt(1);
    }
  }
}
