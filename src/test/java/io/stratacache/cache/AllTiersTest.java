package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stratacache.cache.tier.grid.HazelcastGridTier;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import io.stratacache.cache.tier.store.JdbcStoreTier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole chain on real tiers: Caffeine, an embedded Hazelcast member and H2 with the Liquibase
 * table, JSON-B codec with compression. Two registries over the same grid and database stand for
 * two instances.
 */
@ExtendWith(EmbeddedHazelcast.class)
class AllTiersTest {
  /** A value as the application would cache it: an immutable record. */
  public record BrandStats(String brand, long orders, List<String> topStores) {}

  private static final AtomicInteger CACHES = new AtomicInteger();
  private static HazelcastInstance hazelcast;
  private static DataSource database;
  private final FakeClock clock = new FakeClock();
  private final AtomicInteger loads = new AtomicInteger();
  private CacheSettings settings;
  private TieredCache<BrandStats> a;
  private TieredCache<BrandStats> b;

  @BeforeAll
  static void infrastructure(HazelcastInstance instance) throws Exception {
    hazelcast = instance;
    database = StoreSchema.h2("all-tiers");
  }

  @BeforeEach
  void twoInstances() {
    settings =
        CacheSettings.builder("stats-" + CACHES.incrementAndGet())
            .tiers(true, true, true)
            .codec("json")
            .compressionThreshold(256)
            .build();
    a = instance("a").cache(settings, BrandStats.class);
    b = instance("b").cache(settings, BrandStats.class);
  }

  private TieredCaches instance(String id) {
    return TieredCaches.builder()
        .near(CaffeineNearTier.factory())
        .clock(clock)
        .executor(Runnable::run)
        .grid(HazelcastGridTier.factory(hazelcast))
        .store(JdbcStoreTier.factory(database, JdbcStoreTier.DEFAULT_TABLE))
        .instanceId(id)
        .build();
  }

  private BrandStats load(String key) {
    loads.incrementAndGet();
    return new BrandStats(
        key, 1234, List.of("store-" + "x".repeat(100), "store-" + "y".repeat(100)));
  }

  private IMap<String, byte[]> gridMap() {
    return hazelcast.getMap(HazelcastGridTier.MAP_PREFIX + settings.name());
  }

  private boolean inStore(String key) throws Exception {
    try (Connection c = database.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT 1 FROM cache_entry WHERE cache_name = ? AND cache_key = ?")) {
      s.setString(1, settings.name());
      s.setString(2, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  @Test
  void get_loadedOnceThenServedByTheSharedTiers() throws Exception {
    BrandStats first = a.get("brand:1", this::load);
    assertTrue(gridMap().containsKey("brand:1"));
    assertTrue(inStore("brand:1"));
    assertEquals(first, b.get("brand:1", this::load), "instance b: grid hit");
    assertEquals(1, loads.get());
    assertEquals(1, b.stats().tier("grid").orElseThrow().hits());
    assertTrue(a.stats().compressionRatio() > 1.2, "ratio " + a.stats().compressionRatio());
  }

  @Test
  void get_gridLost_storeStillServesAndRefillsTheGrid() throws Exception {
    a.get("brand:1", this::load);
    gridMap().clear();
    assertEquals(load("brand:1"), b.get("brand:1", this::load));
    assertEquals(2, loads.get(), "one real load, one for the comparison");
    assertEquals(1, b.stats().tier("store").orElseThrow().hits());
    assertTrue(gridMap().containsKey("brand:1"), "promoted back to the grid");
  }

  @Test
  void invalidateByTagAndPattern_acrossRealTiers() throws Exception {
    a.put("brand:1", load("1"), null, Set.of("north"));
    a.put("brand:2", load("2"), null, Set.of("south"));
    a.put("store:1", load("3"), null, Set.of("north"));
    b.peek("brand:1");
    a.invalidateByTag("north");
    assertFalse(gridMap().containsKey("brand:1"));
    assertFalse(gridMap().containsKey("store:1"));
    assertFalse(inStore("brand:1"));
    assertFalse(inStore("store:1"));
    assertTrue(inStore("brand:2"));
    a.invalidateByPattern("brand:*");
    assertFalse(gridMap().containsKey("brand:2"));
    assertFalse(inStore("brand:2"));
    assertTrue(a.peek("brand:2").isAbsent());
  }

  @Test
  void notFound_sharedAcrossInstances() {
    assertNull(a.get("brand:404", key -> null));
    assertTrue(b.peek("brand:404").isNotFound());
    assertNotNull(gridMap().get("brand:404"));
  }
}
