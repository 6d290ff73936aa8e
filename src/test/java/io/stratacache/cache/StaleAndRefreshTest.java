package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratacache.cache.CacheFixture.Brand;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Refresh-ahead, stale-while-revalidate and stale-if-error, on the fake clock and executor. */
class StaleAndRefreshTest {
  private final AtomicInteger version = new AtomicInteger();
  private final AtomicBoolean sourceDown = new AtomicBoolean();
  private final RuntimeException outage = new IllegalStateException("source down");

  /** Returns brand "v1", "v2"... one version per call; throws while the source is down. */
  private final CacheLoader<Brand> versioned =
      key -> {
        if (sourceDown.get()) {
          throw outage;
        }
        return new Brand("v" + version.incrementAndGet(), 1, List.of());
      };

  private CacheFixture fixture(CacheSettings.Builder tweaks) {
    return new CacheFixture(
        tweaks
            .tiers(true, true, false)
            .ttlJitter(0)
            .nearTtl(Duration.ofMinutes(10))
            .gridTtl(Duration.ofMinutes(10)));
  }

  @Test
  void get_withinRefreshAheadWindow_servesFreshAndReloadsOnceInBackground() {
    CacheFixture f = fixture(CacheSettings.builder("brands").refreshAhead(Duration.ofMinutes(1)));
    assertEquals("v1", f.cache.get("k", versioned).name());
    f.clock.advance(Duration.ofMinutes(8));
    assertEquals("v1", f.cache.get("k", versioned).name());
    assertEquals(0, f.executor.pending(), "outside the window: no refresh");

    f.clock.advance(Duration.ofMinutes(1).plusSeconds(30));
    assertEquals("v1", f.cache.get("k", versioned).name(), "fresh value served at once");
    assertEquals(1, f.executor.pending());
    f.executor.runAll();
    assertEquals("v2", f.cache.get("k", versioned).name());
    assertEquals("v2", f.cache.peek("k").orElse(null).name());
    assertEquals(1, f.cache.stats().refreshes());
    f.clock.advance(Duration.ofMinutes(9));
    assertEquals("v2", f.cache.get("k", versioned).name(), "the refresh reset the TTL");
  }

  @Test
  void get_withinStaleWhileRevalidate_servesStaleAndRefreshesOnce() {
    CacheFixture f =
        fixture(CacheSettings.builder("brands").staleWhileRevalidate(Duration.ofMinutes(2)));
    f.cache.get("k", versioned);
    f.clock.advance(Duration.ofMinutes(11));
    assertEquals("v1", f.cache.get("k", versioned).name());
    assertEquals("v1", f.cache.get("k", versioned).name());
    assertEquals(1, version.get(), "no load in the caller's thread");
    assertEquals(1, f.executor.runAll(), "one background refresh for two stale reads");
    assertEquals("v2", f.cache.get("k", versioned).name());
    assertEquals(2, f.cache.stats().staleHits());
  }

  @Test
  void get_pastStaleWhileRevalidate_loadsInline() {
    CacheFixture f =
        fixture(CacheSettings.builder("brands").staleWhileRevalidate(Duration.ofMinutes(2)));
    f.cache.get("k", versioned);
    f.clock.advance(Duration.ofMinutes(12).plusSeconds(1));
    assertEquals("v2", f.cache.get("k", versioned).name());
    assertEquals(0, f.executor.pending());
  }

  @Test
  void get_staleInGridOnly_servedWithinWindow() {
    CacheFixture f =
        fixture(CacheSettings.builder("brands").staleWhileRevalidate(Duration.ofMinutes(2)));
    f.cache.get("k", versioned);
    f.cache.nearTier().clear();
    f.clock.advance(Duration.ofMinutes(11));
    assertEquals("v1", f.cache.get("k", versioned).name(), "stale copy from the grid");
    f.executor.runAll();
    assertEquals("v2", f.cache.get("k", versioned).name());
  }

  @Test
  void get_loaderFailsWithinStaleIfError_servesStale() {
    CacheFixture f = fixture(CacheSettings.builder("brands").staleIfError(Duration.ofMinutes(5)));
    f.cache.get("k", versioned);
    f.clock.advance(Duration.ofMinutes(14));
    sourceDown.set(true);
    assertEquals("v1", f.cache.get("k", versioned).name());
    CacheStats stats = f.cache.stats();
    assertEquals(1, stats.loadFailures());
    assertEquals(1, stats.staleHits());
    sourceDown.set(false);
    assertEquals("v2", f.cache.get("k", versioned).name(), "the error was not cached");
  }

  @Test
  void get_loaderFailsPastStaleIfError_throws() {
    CacheFixture f = fixture(CacheSettings.builder("brands").staleIfError(Duration.ofMinutes(5)));
    f.cache.get("k", versioned);
    f.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    sourceDown.set(true);
    assertSame(
        outage, assertThrows(IllegalStateException.class, () -> f.cache.get("k", versioned)));
  }

  @Test
  void get_loaderFailsWithoutStaleIfError_throwsEvenWithStaleCopy() {
    CacheFixture f =
        fixture(CacheSettings.builder("brands").staleWhileRevalidate(Duration.ofMinutes(1)));
    f.cache.get("k", versioned);
    f.clock.advance(Duration.ofMinutes(11).plusSeconds(1));
    sourceDown.set(true);
    assertThrows(IllegalStateException.class, () -> f.cache.get("k", versioned));
  }

  @Test
  void refresh_failing_keepsServingStaleWithinWindow() {
    CacheFixture f =
        fixture(CacheSettings.builder("brands").staleWhileRevalidate(Duration.ofMinutes(2)));
    f.cache.get("k", versioned);
    f.clock.advance(Duration.ofMinutes(11));
    sourceDown.set(true);
    assertEquals("v1", f.cache.get("k", versioned).name());
    f.executor.runAll();
    assertEquals("v1", f.cache.get("k", versioned).name());
    assertEquals(1, f.cache.stats().loadFailures());
  }
}
