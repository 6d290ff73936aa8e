package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheFixture.Brand;
import io.stratacache.cache.codec.Codecs;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Write-behind to the store: coalescing, retries with backoff, back-pressure, flush on close, and a
 * write that finally fails is counted, never silently dropped. The flusher is driven by hand
 * ({@code write-behind.delay} of an hour keeps the scheduled task out of the way).
 */
class WriteBehindTest {

  private static CacheSettings.WriteBehind queue(
      int capacity, int batch, int attempts, long blockMs) {
    return new CacheSettings.WriteBehind(
        capacity,
        batch,
        Duration.ofHours(1),
        Duration.ofMillis(blockMs),
        attempts,
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5));
  }

  private static CacheFixture fixture(CacheSettings.WriteBehind queue) {
    return new CacheFixture(
        CacheFixture.allTiers()
            .writePolicy(WritePolicy.WRITE_BEHIND)
            .writeBehind(queue)
            .breaker(
                new CacheSettings.Breaker(
                    1.0, 1000, Duration.ofSeconds(10), Duration.ofSeconds(5))),
        b -> b.tierExecutor(Runnable::run));
  }

  private static Brand stored(CacheFixture f, String key) {
    return Codecs.named("binary", Brand.class, java.util.List.of())
        .decode(io.stratacache.cache.codec.Compression.unframe(f.store.entries.get(key).payload()));
  }

  @Test
  void put_writesNearAndGridAtOnce_storeOnFlush() {
    CacheFixture f = fixture(queue(100, 10, 3, 0));
    f.cache.put("k", brand("k"));
    assertTrue(f.nearHolds("k"));
    assertTrue(f.grid.entries.containsKey("k"));
    assertFalse(f.store.entries.containsKey("k"));
    assertEquals(1, f.cache.stats().writeBehind().queued());
    assertEquals(1, f.cache.writeBehind().flushDue());
    assertTrue(f.store.entries.containsKey("k"));
    assertEquals(new WriteBehindStats(0, 1, 0, 0, 0, 0, 0), f.cache.stats().writeBehind());
  }

  @Test
  void put_sameKeyRepeatedly_coalescedIntoOneStoreWrite() {
    CacheFixture f = fixture(queue(100, 10, 3, 0));
    f.cache.put("k", brand("v1"));
    f.cache.put("k", brand("v2"));
    f.cache.put("k", brand("v3"));
    f.cache.put("j", brand("j"));
    f.cache.writeBehind().flushDue();
    assertEquals(2, f.store.puts.get(), "one write per key");
    assertEquals(brand("v3"), stored(f, "k"));
    WriteBehindStats stats = f.cache.stats().writeBehind();
    assertEquals(2, stats.coalesced());
    assertEquals(2, stats.written());
  }

  @Test
  void flushDue_writesAtMostOneBatchPerRound() {
    CacheFixture f = fixture(queue(100, 2, 3, 0));
    for (int i = 0; i < 5; i++) {
      f.cache.put("k" + i, brand("k" + i));
    }
    assertEquals(2, f.cache.writeBehind().flushDue());
    assertEquals(2, f.store.entries.size());
    f.cache.writeBehind().flushAllDue();
    assertEquals(5, f.store.entries.size());
  }

  @Test
  void get_queuedWriteNotYetFlushed_readFromTheQueue() {
    CacheFixture f = fixture(queue(100, 10, 3, 0));
    f.cache.put("k", brand("k"));
    f.cache.nearTier().clear();
    f.grid.entries.clear();
    assertEquals(brand("k"), f.cache.get("k", f.counting()));
    assertEquals(0, f.loads.get());
  }

  @Test
  void flushDue_storeFails_retriedWithExponentialBackoff() {
    CacheFixture f = fixture(queue(100, 10, 5, 0));
    f.cache.put("k", brand("k"));
    f.store.failing = true;
    WriteBehind wb = f.cache.writeBehind();
    assertEquals(1, wb.flushDue());
    assertEquals(1, f.cache.stats().writeBehind().retries());
    assertEquals(0, wb.flushDue(), "backing off 200 ms");
    f.clock.advance(Duration.ofMillis(200));
    assertEquals(1, wb.flushDue());
    f.clock.advance(Duration.ofMillis(399));
    assertEquals(0, wb.flushDue(), "then 400 ms");
    f.clock.advance(Duration.ofMillis(1));
    f.store.failing = false;
    assertEquals(1, wb.flushDue());
    assertTrue(f.store.entries.containsKey("k"));
    WriteBehindStats stats = f.cache.stats().writeBehind();
    assertEquals(2, stats.retries());
    assertEquals(1, stats.written());
    assertEquals(0, stats.failed());
    assertEquals(0, stats.queued());
  }

  @Test
  void flushDue_storeKeepsFailing_givenUpAfterMaxAttemptsAndCounted() {
    CacheFixture f = fixture(queue(100, 10, 3, 0));
    f.cache.put("k", brand("k"));
    f.store.failing = true;
    WriteBehind wb = f.cache.writeBehind();
    for (int i = 0; i < 3; i++) {
      wb.flushDue();
      f.clock.advance(Duration.ofSeconds(1));
    }
    WriteBehindStats stats = f.cache.stats().writeBehind();
    assertEquals(1, stats.failed());
    assertEquals(0, stats.queued());
    assertEquals(3, f.store.puts.get(), "three attempts");
  }

  @Test
  void put_queueFull_waitsThenWritesThrough() {
    CacheFixture f = fixture(queue(2, 10, 3, 50));
    f.cache.put("a", brand("a"));
    f.cache.put("b", brand("b"));
    long start = System.nanoTime();
    f.cache.put("c", brand("c"));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis >= 45, "blocked for room: " + millis + " ms");
    assertTrue(f.store.entries.containsKey("c"), "written through, not dropped");
    assertFalse(f.store.entries.containsKey("a"));
    f.cache.put("a", brand("a2"));
    assertEquals(2, f.cache.stats().writeBehind().queued(), "a known key coalesces, no wait");
    WriteBehindStats stats = f.cache.stats().writeBehind();
    assertEquals(1, stats.backPressureWaits());
    assertEquals(1, stats.writtenThrough());
  }

  @Test
  void put_queueFull_roomMadeByTheFlusher_queued() throws Exception {
    CacheFixture f = fixture(queue(2, 10, 3, 5_000));
    f.cache.put("a", brand("a"));
    f.cache.put("b", brand("b"));
    Thread writer = new Thread(() -> f.cache.put("c", brand("c")));
    writer.start();
    while (f.cache.stats().writeBehind().backPressureWaits() == 0) {
      Thread.sleep(1);
    }
    f.cache.writeBehind().flushDue();
    writer.join(5_000);
    assertFalse(writer.isAlive());
    assertFalse(f.store.entries.containsKey("c"), "queued, not written through");
    assertEquals(1, f.cache.stats().writeBehind().queued());
    assertEquals(0, f.cache.stats().writeBehind().writtenThrough());
  }

  @Test
  void invalidate_queuedWrite_neverReachesTheStore() {
    CacheFixture f = fixture(queue(100, 10, 3, 0));
    f.cache.put("k", brand("k"));
    f.cache.put("t", brand("t"), null, Set.of("tag"));
    f.cache.put("p:1", brand("p"));
    f.cache.invalidate("k");
    f.cache.invalidateByTag("tag");
    f.cache.invalidateByPattern("p:*");
    assertEquals(0, f.cache.stats().writeBehind().queued());
    f.cache.writeBehind().flushDue();
    assertTrue(f.store.entries.isEmpty());
    assertTrue(f.cache.peek("k").isAbsent());
  }

  @Test
  void close_flushesTheQueue() {
    CacheFixture f = fixture(queue(100, 1, 3, 0));
    f.cache.put("a", brand("a"));
    f.cache.put("b", brand("b"));
    f.cache.put("c", brand("c"));
    f.caches.close();
    assertEquals(3, f.store.entries.size());
    assertEquals(0, f.store.entries.size() - f.cache.stats().writeBehind().written());
    assertEquals(0, f.cache.stats().writeBehind().failed());
  }

  @Test
  void close_storeDown_remainingWritesLoggedAndCounted() {
    CacheFixture f = fixture(queue(100, 10, 2, 0));
    f.cache.put("a", brand("a"));
    f.cache.put("b", brand("b"));
    f.store.failing = true;
    f.caches.close();
    WriteBehindStats stats = f.cache.stats().writeBehind();
    assertEquals(2, stats.failed());
    assertEquals(0, stats.queued());
  }

  @Test
  void load_inWriteBehindCache_storeFilledConditionallyNotQueued() {
    CacheFixture f = fixture(queue(100, 10, 3, 0));
    assertEquals(brand("k"), f.cache.get("k", f.counting()));
    assertTrue(f.grid.entries.containsKey("k"));
    assertNotNull(f.store.entries.get("k"), "a fill is a compare-and-set, written at once");
    assertEquals(0, f.cache.stats().writeBehind().queued());
  }
}
