package io.stratacache.cache;

import io.stratacache.cache.codec.Codecs;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.List;

/**
 * A near (Caffeine), grid and store (in memory) tier of cache {@code c}, each behind its failure
 * boundary, on a fake clock: what the tests of the core's tier parts read and write through.
 */
final class ThreeTiers {
  final FakeClock clock = new FakeClock();
  final MemoryTier grid = new MemoryTier("grid", clock);
  final MemoryTier store = new MemoryTier("store", clock);
  final GuardedTier<Object> near =
      new GuardedTier<>(CaffeineNearTier.create(100, 0, null, clock, Runnable::run), "c", clock);
  final GuardedTier<byte[]> gridTier = new GuardedTier<>(grid, "c", clock);
  final GuardedTier<byte[]> storeTier = new GuardedTier<>(store, "c", clock);
  final TierSet set = new TierSet(near, gridTier, storeTier);
  final PayloadEncoder<String> encoder =
      new PayloadEncoder<>(Codecs.named("binary", String.class, List.of()), 0);
}
