package io.stratacache.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.admin.RefusedRequestException.Reason;
import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.CacheStats;
import io.stratacache.cache.FakeClock;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.platform.UnknownEntityException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The administration's logic over a real, near-only registry. */
class CacheAdministrationTest {

  public record BrandFigures(String brand, int reports, List<String> regions)
      implements Serializable {}

  static final Function<String, Optional<String>> NEAR_ONLY =
      key ->
          Optional.ofNullable(
              Map.of(
                      "cache.default.grid.enabled", "false",
                      "cache.default.store.enabled", "false",
                      "cache.default.ttl-jitter", "0",
                      "cache.default.codec.allow", "io.stratacache.**",
                      "cache.jsony.codec", "json")
                  .get(key));

  final FakeClock clock = new FakeClock();
  TieredCaches caches;
  CacheAdministration admin;

  @BeforeEach
  void setUp() {
    caches =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .clock(clock)
            .executor(Runnable::run)
            .config(NEAR_ONLY)
            .build();
    caches.cache("brand-stats", Object.class);
    caches.cache("brands", Object.class);
    admin = new CacheAdministration(caches, new AdminLimits(16, 64), clock);
  }

  @AfterEach
  void tearDown() {
    caches.close();
  }

  static SetRequest set(String cache, String key, String json) {
    return set(cache, key, json, null, List.of());
  }

  static SetRequest set(String cache, String key, String json, Long ttl, List<String> tags) {
    JsonValue value = json == null ? null : AdminRequests.parse(json);
    return new SetRequest(cache, key, value, ttl, tags);
  }

  LookupAnswer get(String cache, String key) {
    return admin.get(new GetRequest(cache, key));
  }

  /** Asserts that the refused call changed nothing in brand-stats/k, which holds {@code json}. */
  void refusedKeeps(Executable refused, Class<? extends Throwable> type, String json) {
    assertThrows(type, refused);
    LookupAnswer after = get("brand-stats", "k");
    assertEquals(EntryState.PRESENT, after.state());
    assertEquals(AdminRequests.parse(json), after.value());
  }

  @Test
  void set_thenGet_returnsTheSameJson() {
    SetAnswer stored =
        admin.set(set("brand-stats", "k", "{ \"a\": [1, 2, {\"b\": null}], \"c\": \"é\" }"));
    assertEquals(31, stored.valueBytes(), "UTF-8 bytes of the compact JSON");
    LookupAnswer found = get("brand-stats", "k");
    assertEquals(EntryState.PRESENT, found.state());
    assertEquals("json", found.type());
    assertEquals(AdminRequests.parse("{\"a\":[1,2,{\"b\":null}],\"c\":\"é\"}"), found.value());
  }

  @Test
  void set_scalarValue_roundTrips() {
    admin.set(set("brand-stats", "k", "\"text\""));
    assertEquals(Json.createValue("text"), get("brand-stats", "k").value());
  }

  @Test
  void get_applicationRecord_asJsonb() {
    caches.cache("brands", Object.class).put("b:1", new BrandFigures("Acme", 3, List.of("north")));
    LookupAnswer found = get("brands", "b:1");
    assertEquals("BrandFigures", found.type());
    JsonObject o = found.value().asJsonObject();
    assertEquals("Acme", o.getString("brand"));
    assertEquals(3, o.getInt("reports"));
  }

  @Test
  void get_states_presentNotFoundAbsent() {
    TieredCache<Object> cache = caches.cache("brands", Object.class);
    cache.get("missing", k -> null);
    assertEquals(EntryState.NOT_FOUND, get("brands", "missing").state());
    assertNull(get("brands", "missing").value());
    LookupAnswer absent = get("brands", "never");
    assertEquals(EntryState.ABSENT, absent.state());
    assertNull(absent.type());
  }

  @Test
  void get_neverLoads_andCountsARequest() {
    get("brands", "x");
    CacheStats stats = caches.find("brands").orElseThrow().stats();
    assertEquals(0, stats.loads());
    assertEquals(1, stats.requests());
  }

  @Test
  void unknownCache_404_forEveryOperation() {
    assertThrows(UnknownEntityException.class, () -> get("nope", "k"));
    assertThrows(UnknownEntityException.class, () -> admin.set(set("nope", "k", "1")));
    assertThrows(UnknownEntityException.class, () -> admin.invalidateKey("nope", "k"));
    assertThrows(UnknownEntityException.class, () -> admin.invalidate("nope", "t", null));
    assertThrows(UnknownEntityException.class, () -> admin.clear("nope"));
    assertThrows(UnknownEntityException.class, () -> admin.stats("nope"));
    assertThrows(UnknownEntityException.class, () -> admin.config("nope"));
    assertTrue(caches.find("nope").isEmpty(), "no cache is created by asking for it");
  }

  @Test
  void missingOrEmptyKeyOrCache_400() {
    assertThrows(InvalidInputException.class, () -> get("brands", ""));
    assertThrows(InvalidInputException.class, () -> get("brands", null));
    assertThrows(InvalidInputException.class, () -> get(null, "k"));
    assertThrows(InvalidInputException.class, () -> admin.set(set("brands", "", "1")));
    assertThrows(InvalidInputException.class, () -> admin.set(set(null, "k", "1")));
  }

  @Test
  void keyOverLimit_413_andNothingChanges() {
    admin.set(set("brand-stats", "k", "1"));
    String longKey = "k".repeat(17);
    RefusedRequestException e =
        assertThrows(
            RefusedRequestException.class, () -> admin.set(set("brand-stats", longKey, "2")));
    assertEquals(Reason.TOO_LARGE, e.reason());
    assertThrows(RefusedRequestException.class, () -> get("brand-stats", longKey));
    assertThrows(RefusedRequestException.class, () -> admin.invalidateKey("brand-stats", longKey));
    assertThrows(
        RefusedRequestException.class, () -> admin.invalidate("brand-stats", null, "*".repeat(17)));
    assertEquals(AdminRequests.parse("1"), get("brand-stats", "k").value());
    assertEquals(
        "k".repeat(16), admin.set(set("brand-stats", "k".repeat(16), "3")).key(), "at the limit");
  }

  @Test
  void valueOverLimit_413_keepsThePreviousValue() {
    admin.set(set("brand-stats", "k", "{\"v\":1}"));
    String big = "\"" + "x".repeat(63) + "\""; // 65 bytes with the quotes
    RefusedRequestException e =
        assertThrows(RefusedRequestException.class, () -> admin.set(set("brand-stats", "k", big)));
    assertEquals(Reason.TOO_LARGE, e.reason());
    refusedKeeps(
        () -> admin.set(set("brand-stats", "k", big)), RefusedRequestException.class, "{\"v\":1}");
    admin.set(set("brand-stats", "k", "\"" + "x".repeat(62) + "\"")); // exactly 64 bytes
  }

  @Test
  void ttlZeroOrNegative_400_keepsThePreviousValue() {
    admin.set(set("brand-stats", "k", "{\"v\":1}"));
    for (long ttl : new long[] {0, -5, CacheAdministration.MAX_TTL_SECONDS + 1}) {
      refusedKeeps(
          () -> admin.set(set("brand-stats", "k", "2", ttl, List.of())),
          InvalidInputException.class,
          "{\"v\":1}");
    }
  }

  @Test
  void ttl_expiresTheValue() {
    admin.set(set("brand-stats", "k", "1", 10L, List.of()));
    clock.advance(Duration.ofSeconds(9));
    assertEquals(EntryState.PRESENT, get("brand-stats", "k").state());
    clock.advance(Duration.ofSeconds(2));
    assertEquals(EntryState.ABSENT, get("brand-stats", "k").state());
  }

  @Test
  void nullOrMissingValue_400() {
    admin.set(set("brand-stats", "k", "{\"v\":1}"));
    refusedKeeps(
        () -> admin.set(set("brand-stats", "k", "null")), InvalidInputException.class, "{\"v\":1}");
    refusedKeeps(
        () -> admin.set(set("brand-stats", "k", null)), InvalidInputException.class, "{\"v\":1}");
  }

  @Test
  void badTag_400_keepsThePreviousValue() {
    admin.set(set("brand-stats", "k", "{\"v\":1}"));
    for (String tag : new String[] {"", "a,b", "t".repeat(101)}) {
      refusedKeeps(
          () -> admin.set(set("brand-stats", "k", "2", null, List.of(tag))),
          InvalidInputException.class,
          "{\"v\":1}");
    }
  }

  @Test
  void invalidateByTag_removesTaggedOnly() {
    admin.set(set("brand-stats", "a", "1", null, List.of("north")));
    admin.set(set("brand-stats", "b", "2", null, List.of("south")));
    InvalidationAnswer answer = admin.invalidate("brand-stats", "north", null);
    assertEquals(new InvalidationAnswer("brand-stats", "tag", "north"), answer);
    assertEquals(EntryState.ABSENT, get("brand-stats", "a").state());
    assertEquals(EntryState.PRESENT, get("brand-stats", "b").state());
  }

  @Test
  void invalidateByPattern_removesMatchingOnly() {
    admin.set(set("brand-stats", "brand:1", "1"));
    admin.set(set("brand-stats", "brand:2", "2"));
    admin.set(set("brand-stats", "store:1", "3"));
    admin.invalidate("brand-stats", null, "brand:*");
    assertEquals(EntryState.ABSENT, get("brand-stats", "brand:1").state());
    assertEquals(EntryState.ABSENT, get("brand-stats", "brand:2").state());
    assertEquals(EntryState.PRESENT, get("brand-stats", "store:1").state());
  }

  @Test
  void invalidate_bothOrNeitherOrEmpty_400_andNothingChanges() {
    admin.set(set("brand-stats", "k", "{\"v\":1}"));
    refusedKeeps(
        () -> admin.invalidate("brand-stats", "t", "k*"), InvalidInputException.class, "{\"v\":1}");
    refusedKeeps(
        () -> admin.invalidate("brand-stats", null, null),
        InvalidInputException.class,
        "{\"v\":1}");
    refusedKeeps(
        () -> admin.invalidate("brand-stats", null, ""), InvalidInputException.class, "{\"v\":1}");
    refusedKeeps(
        () -> admin.invalidate("brand-stats", "", null), InvalidInputException.class, "{\"v\":1}");
  }

  @Test
  void invalidateKey_removesOneKey() {
    admin.set(set("brand-stats", "a/b", "1"));
    admin.set(set("brand-stats", "c", "2"));
    assertEquals("a/b", admin.invalidateKey("brand-stats", "a/b").subject());
    assertEquals(EntryState.ABSENT, get("brand-stats", "a/b").state());
    assertEquals(EntryState.PRESENT, get("brand-stats", "c").state());
  }

  @Test
  void clear_oneCacheOrAll() {
    admin.set(set("brand-stats", "a", "1"));
    admin.set(set("brands", "b", "2"));
    assertEquals(List.of("brands"), admin.clear("brands").cleared());
    assertEquals(EntryState.ABSENT, get("brands", "b").state());
    assertEquals(EntryState.PRESENT, get("brand-stats", "a").state());
    assertEquals(List.of("brand-stats", "brands"), admin.clear(null).cleared());
    assertEquals(EntryState.ABSENT, get("brand-stats", "a").state());
  }

  @Test
  void set_cacheOfAnotherType_409() {
    caches.cache("typed", String.class).put("k", "plain");
    RefusedRequestException e =
        assertThrows(RefusedRequestException.class, () -> admin.set(set("typed", "k", "1")));
    assertEquals(Reason.CONFLICT, e.reason());
    assertEquals("plain", caches.cache("typed", String.class).peek("k").orElse(null));
  }

  @Test
  void set_jsonCodecCache_409() {
    caches.cache("jsony", Object.class);
    RefusedRequestException e =
        assertThrows(RefusedRequestException.class, () -> admin.set(set("jsony", "k", "1")));
    assertEquals(Reason.CONFLICT, e.reason());
    assertTrue(e.getMessage().contains("codec"), e.getMessage());
  }

  @Test
  void set_binaryCodecWithoutAllowList_409() {
    caches.cache(CacheSettings.builder("strict").tiers(true, false, false).build(), Object.class);
    assertEquals(
        Reason.CONFLICT,
        assertThrows(RefusedRequestException.class, () -> admin.set(set("strict", "k", "1")))
            .reason());
  }

  @Test
  void stats_counts_hitsAndMisses() {
    admin.set(set("brand-stats", "k", "1"));
    get("brand-stats", "k");
    get("brand-stats", "k");
    get("brand-stats", "other");
    CacheStats stats = admin.stats("brand-stats").caches().get(0);
    assertEquals(3, stats.requests());
    assertEquals(2, stats.hits());
    assertEquals(1, stats.misses());
    assertEquals(2, stats.tier("near").orElseThrow().hits());
    assertEquals(
        List.of("brand-stats", "brands"),
        admin.stats(null).caches().stream().map(CacheStats::name).toList());
  }

  @Test
  void config_readableDurations() {
    ConfigAnswer config = admin.config("brand-stats");
    assertEquals(16, config.maxKeyLength());
    assertEquals(64, config.maxValueBytes());
    ConfigAnswer.CacheConfig c = config.caches().get(0);
    assertEquals("5m", c.nearTtl());
    assertEquals("30s", c.negativeTtl());
    assertEquals("1d", c.storeTtl());
    assertEquals("0s", c.refreshAhead());
    assertEquals("after-write", c.nearExpiry());
    assertEquals("write-through", c.writePolicy());
    assertEquals(false, c.gridEnabled());
    assertEquals(2, admin.config(" ").caches().size());
  }

  @Test
  void durationText_largestWholeUnit() {
    assertEquals("250ms", ConfigAnswer.CacheConfig.text(Duration.ofMillis(250)));
    assertEquals("90s", ConfigAnswer.CacheConfig.text(Duration.ofSeconds(90)));
    assertEquals("7d", ConfigAnswer.CacheConfig.text(Duration.ofDays(7)));
    assertEquals("PT0.0000001S", ConfigAnswer.CacheConfig.text(Duration.ofNanos(100)));
  }

  @Test
  void health_gridBreakerOpen_downWithReason_upAfterRejoin() {
    GridStandIn grid = new GridStandIn();
    TieredCaches withGrid =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .clock(clock)
            .executor(Runnable::run)
            .grid((name, c) -> grid)
            .settings(n -> CacheSettings.builder(n).tiers(true, true, false).build())
            .build();
    try {
      withGrid.cache("g", Object.class);
      CacheAdministration a = new CacheAdministration(withGrid, AdminLimits.DEFAULTS, clock);
      assertEquals(HealthAnswer.Status.UP, a.health().status());
      grid.down = true;
      for (int i = 0; i < 10; i++) {
        a.get(new GetRequest("g", "k" + i)); // near miss, grid fails: counted, skipped
      }
      HealthAnswer degraded = a.health();
      assertEquals(HealthAnswer.Status.DEGRADED, degraded.status());
      HealthAnswer.CacheHealth g = degraded.caches().get(0);
      assertEquals(HealthAnswer.Status.DEGRADED, g.status());
      HealthAnswer.TierHealth gridHealth = g.tiers().get(1);
      assertEquals("grid", gridHealth.tier());
      assertEquals(HealthAnswer.Status.DOWN, gridHealth.status());
      assertEquals("OPEN", gridHealth.breaker());
      assertNotNull(gridHealth.detail());
      assertTrue(gridHealth.opens() >= 1);
      assertEquals(HealthAnswer.Status.UP, g.tiers().get(0).status(), "near is fine");
      grid.down = false;
      clock.advance(Duration.ofSeconds(30));
      withGrid.checkTiers();
      assertEquals(HealthAnswer.Status.UP, a.health().status(), () -> a.health().toString());
    } finally {
      withGrid.close();
    }
  }

  @Test
  void benchmark_nearOnly_measuresPutAndNearHits_thenClears() {
    BenchmarkAnswer answer = admin.benchmark(50);
    assertEquals(50, answer.iterations());
    assertEquals(50, answer.nearHit().operations());
    assertEquals(50, answer.nearHit().nearHits());
    assertNull(answer.gridHit(), "no grid in this registry");
    assertTrue(answer.note().contains("no grid"));
    assertEquals(0, caches.find(CacheBenchmark.NEAR_CACHE).orElseThrow().stats().size());
    assertEquals(EntryState.ABSENT, get(CacheBenchmark.NEAR_CACHE, "bench:0").state());
  }

  @Test
  void benchmark_withGrid_gridHitsAfterNearMisses() {
    GridStandIn grid = new GridStandIn();
    TieredCaches withGrid =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .clock(clock)
            .executor(Runnable::run)
            .grid((name, c) -> grid)
            .build();
    try {
      BenchmarkAnswer answer =
          new CacheAdministration(withGrid, AdminLimits.DEFAULTS, clock).benchmark(200);
      assertNotNull(answer.gridHit());
      assertEquals(200, answer.gridHit().gridHits(), () -> "grid hits: " + answer.gridHit());
      assertEquals(200, answer.nearHit().nearHits());
      assertTrue(grid.map.isEmpty(), "scratch caches are cleared in the grid too");
    } finally {
      withGrid.close();
    }
  }

  @Test
  void benchmark_scratchCacheWithOtherSettings_409_appCacheUntouched() {
    caches.cache(CacheBenchmark.NEAR_CACHE, Object.class).put("keep", "me");
    assertEquals(
        Reason.CONFLICT,
        assertThrows(RefusedRequestException.class, () -> admin.benchmark(10)).reason());
    assertEquals(
        "me", caches.find(CacheBenchmark.NEAR_CACHE).orElseThrow().peek("keep").orElse(null));
  }

  @Test
  void benchmark_iterationsOutOfRange_400() {
    assertThrows(InvalidInputException.class, () -> admin.benchmark(0));
    assertThrows(InvalidInputException.class, () -> admin.benchmark(100_001));
    assertThrows(InvalidInputException.class, () -> CacheBenchmark.iterations("-1"));
    assertThrows(InvalidInputException.class, () -> CacheBenchmark.iterations("ten"));
    assertEquals(1000, CacheBenchmark.iterations(null));
    assertEquals(100_000, CacheBenchmark.iterations(" 100000 "));
  }

  @Test
  void lookupAnswer_serializesValueAsJson() {
    admin.set(set("brand-stats", "k", "{\"a\":[1,true]}"));
    String json =
        jakarta.json.bind.JsonbBuilder.create(
                new jakarta.json.bind.JsonbConfig().withNullValues(true))
            .toJson(get("brand-stats", "k"));
    assertEquals(
        AdminRequests.parse(
            "{\"cache\":\"brand-stats\",\"key\":\"k\",\"state\":\"PRESENT\",\"type\":\"json\",\"value\":{\"a\":[1,true]}}"),
        AdminRequests.parse(json));
    assertInstanceOf(JsonObject.class, AdminRequests.parse(json));
  }
}
