package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.codec.Codecs;
import io.stratacache.cache.tier.TierEntry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A coarse clock whose ticking thread is starved trails the time; what orders events across
 * instances (write versions, the marks of tag invalidations) must not follow it. Otherwise another
 * instance's late fill, prepared before this instance's invalidation and versioned on time, passes
 * as newer than the invalidation, and this instance's own writer reads the value its write made old
 * (the read-your-writes violation the consistency checker's killed run saw on a saturated machine).
 */
class TrailingClockTest {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final FakeClock source = new FakeClock();

  /** Never ticks after its first reading: a ticker starved for the whole test. */
  private final CoarseClock trailing = CoarseClock.start(source, 3_600_000, "trailing-clock");

  @AfterEach
  void stop() {
    trailing.close();
  }

  /** A version another instance gave at {@code millis} of the shared time (salt 7). */
  private static long versionAt(long millis) {
    return millis * 1000 * TierWrites.SALTS + 7;
  }

  @Test
  void precise_coarseClock_isItsSource_otherClocksThemselves() {
    assertSame(source, trailing.precise());
    assertSame(source, source.precise());
  }

  @Test
  void lateFill_preparedBeforeTagInvalidation_lateThoughThisClockTrails() {
    source.advance(Duration.ofMillis(50)); // the coarse clock stays 50 ms behind
    LateFills late = new LateFills(trailing, LEASE, 3);
    long prepared = source.millis() - 5; // another instance prepared its fill 5 ms ago
    late.tag("brand:b"); // then this instance heard of (or made) the tag's invalidation

    TierEntry<byte[]> fill =
        new TierEntry<>(
            new byte[1], Long.MAX_VALUE, Long.MAX_VALUE, versionAt(prepared), Set.of("brand:b"), 1);
    assertTrue(late.late("k", fill, trailing.millis()));
  }

  @Test
  void fillPreparedAfterInvalidation_notLate() {
    source.advance(Duration.ofMillis(50));
    LateFills late = new LateFills(trailing, LEASE, 3);
    late.tag("brand:b");
    source.advance(Duration.ofMillis(5));
    TierEntry<byte[]> fill =
        new TierEntry<>(
            new byte[1],
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            versionAt(source.millis()),
            Set.of("brand:b"),
            1);
    assertFalse(late.late("k", fill, trailing.millis()));
  }

  @Test
  void writeVersion_followsTheTime_notTheTrailingClock() {
    ThreeTiers t = new ThreeTiers();
    CacheSettings settings = CacheSettings.builder("c").tiers(true, true, true).build();
    TierWrites<String> writes =
        new TierWrites<>(
            t.set,
            null,
            new PayloadEncoder<>(Codecs.named("binary", String.class, List.of()), 0),
            new Lifetimes(settings),
            trailing,
            LEASE);
    source.advance(Duration.ofMillis(50));
    long before = versionAt(source.millis() - 5); // another instance's write 5 ms ago
    writes.prepare("v", null, Set.of()).apply("k", WritePolicy.WRITE_THROUGH);
    assertTrue(t.grid.entries.get("k").version() > before);
    assertTrue(writes.mark(trailing.millis()) > before);
  }
}
