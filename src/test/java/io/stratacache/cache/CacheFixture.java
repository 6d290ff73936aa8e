package io.stratacache.cache;

import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One tiered cache over a fake clock, a manual executor and in-memory grid and store tiers: what
 * most core tests need, built in one line.
 */
final class CacheFixture {
  /** An immutable, serializable value. */
  record Brand(String name, int score, List<String> regions) implements Serializable {}

  final FakeClock clock = new FakeClock();
  final ManualExecutor executor = new ManualExecutor();
  final MemoryTier grid = new MemoryTier("grid", clock);
  final MemoryTier store = new MemoryTier("store", clock);
  final RecordingBus bus = new RecordingBus();
  final TieredCaches caches;
  final ChainedCache<Brand> cache;
  final AtomicInteger loads = new AtomicInteger();

  CacheFixture(CacheSettings.Builder settings) {
    this(settings, b -> {});
  }

  /** With registry tweaks (a load coordinator, a tier executor...). */
  CacheFixture(CacheSettings.Builder settings, Consumer<TieredCaches.Builder> registry) {
    TieredCaches.Builder builder =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .clock(clock)
            .executor(executor)
            .grid((name, c) -> grid)
            .store((name, c) -> store)
            .invalidationBus(bus)
            .instanceId("self");
    registry.accept(builder);
    caches = builder.build();
    cache = (ChainedCache<Brand>) caches.cache(settings.build(), Brand.class);
  }

  /** All three tiers, no jitter, the given tweaks. */
  static CacheSettings.Builder allTiers() {
    return CacheSettings.builder("brands").tiers(true, true, true).ttlJitter(0);
  }

  static Brand brand(String name) {
    return new Brand(name, name.length(), List.of("north", "south"));
  }

  /** A loader that counts its calls and returns {@code brand(key)}. */
  CacheLoader<Brand> counting() {
    return key -> {
      loads.incrementAndGet();
      return brand(key);
    };
  }

  /** A loader that counts its calls and has nothing. */
  CacheLoader<Brand> countingNotFound() {
    return key -> {
      loads.incrementAndGet();
      return null;
    };
  }

  boolean nearHolds(String key) {
    return cacheNearEntry(key) != null;
  }

  TierEntry<Object> cacheNearEntry(String key) {
    return cache.nearTier().get(key, clock.millis());
  }
}
