package io.stratacache.cache;

import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierMetrics;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory byte tier standing in for the grid or the store in core tests: honours retention
 * with the injected clock, counts calls, and fails on demand. It fences as the grid and the store
 * do: an invalidation leaves a tombstone (kept apart in {@link #tombstones}, so {@link #entries}
 * holds values only) and {@link #putIfVersion} is a compare-and-set on the version.
 */
final class MemoryTier implements Tier<byte[]> {
  final ConcurrentHashMap<String, TierEntry<byte[]>> entries = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, TierEntry<byte[]>> tombstones = new ConcurrentHashMap<>();
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger gets = new AtomicInteger();
  final AtomicInteger puts = new AtomicInteger();
  final AtomicInteger getAlls = new AtomicInteger();
  final AtomicInteger putAlls = new AtomicInteger();
  final AtomicInteger removeAlls = new AtomicInteger();
  final AtomicInteger fenceAlls = new AtomicInteger();
  volatile boolean failing;
  private final String name;
  private final InstantSource clock;

  MemoryTier(String name, InstantSource clock) {
    this.name = name;
    this.clock = clock;
  }

  private void maybeFail() {
    if (failing) {
      throw new IllegalStateException(name + " is down");
    }
  }

  @Override
  public String name() {
    return name;
  }

  /** Keeps no epochs (the default), but fails like every other call while failing. */
  @Override
  public void moveEpoch(String subject, long epoch, long retainUntil) {
    maybeFail();
  }

  @Override
  public TierEntry<byte[]> get(String key, long now) {
    gets.incrementAndGet();
    maybeFail();
    return current(key, now);
  }

  private TierEntry<byte[]> current(String key, long now) {
    TierEntry<byte[]> entry = entries.get(key);
    if (entry == null) {
      entry = tombstones.get(key);
    }
    return entry == null || entry.retainUntil() <= now ? null : entry;
  }

  @Override
  public synchronized void put(String key, TierEntry<byte[]> entry) {
    puts.incrementAndGet();
    maybeFail();
    entries.put(key, entry);
    tombstones.remove(key);
  }

  @Override
  public synchronized void fence(String key, TierEntry<byte[]> tombstone) {
    maybeFail();
    entries.remove(key);
    tombstones.put(key, tombstone);
  }

  @Override
  public synchronized void fenceAll(java.util.Collection<String> keys, TierEntry<byte[]> t) {
    fenceAlls.incrementAndGet();
    maybeFail();
    for (String key : keys) {
      entries.remove(key);
      tombstones.put(key, t);
    }
  }

  /** One bulk call (counted in {@link #putAlls}), each key a compare-and-set. */
  @Override
  public synchronized java.util.Set<String> putAllIfVersion(
      java.util.Map<String, TierEntry<byte[]>> batch, java.util.Map<String, Long> seen) {
    putAlls.incrementAndGet();
    maybeFail();
    java.util.Set<String> stored = new java.util.HashSet<>();
    long now = clock.millis();
    batch.forEach(
        (key, entry) -> {
          TierEntry<byte[]> current = current(key, now);
          if ((current == null ? 0 : current.version()) == seen.getOrDefault(key, 0L)) {
            entries.put(key, entry);
            tombstones.remove(key);
            stored.add(key);
          } else {
            refused.incrementAndGet();
          }
        });
    return stored;
  }

  @Override
  public synchronized boolean putIfVersion(String key, TierEntry<byte[]> entry, long seen) {
    puts.incrementAndGet();
    maybeFail();
    TierEntry<byte[]> current = current(key, clock.millis());
    if ((current == null ? 0 : current.version()) != seen) {
      refused.incrementAndGet();
      return false;
    }
    entries.put(key, entry);
    tombstones.remove(key);
    return true;
  }

  @Override
  public java.util.Map<String, TierEntry<byte[]>> getAll(
      java.util.Collection<String> keys, long now) {
    getAlls.incrementAndGet();
    maybeFail();
    java.util.Map<String, TierEntry<byte[]>> found = new java.util.HashMap<>();
    for (String key : keys) {
      TierEntry<byte[]> entry = current(key, now);
      if (entry != null) {
        found.put(key, entry);
      }
    }
    return found;
  }

  @Override
  public void putAll(java.util.Map<String, TierEntry<byte[]>> batch) {
    putAlls.incrementAndGet();
    maybeFail();
    entries.putAll(batch);
    batch.keySet().forEach(tombstones::remove);
  }

  @Override
  public void removeAll(java.util.Collection<String> keys) {
    removeAlls.incrementAndGet();
    maybeFail();
    keys.forEach(entries::remove);
    keys.forEach(tombstones::remove);
  }

  @Override
  public void remove(String key) {
    maybeFail();
    entries.remove(key);
    tombstones.remove(key);
  }

  @Override
  public long removeByTag(String tag) {
    maybeFail();
    return entries.values().removeIf(e -> e.tags().contains(tag)) ? 1 : 0;
  }

  @Override
  public long removeByPattern(KeyPattern pattern) {
    maybeFail();
    return entries.keySet().removeIf(pattern::matches) ? 1 : 0;
  }

  @Override
  public void clear() {
    maybeFail();
    entries.clear();
    tombstones.clear();
  }

  @Override
  public TierMetrics metrics() {
    maybeFail();
    long bytes = entries.values().stream().mapToLong(TierEntry::weight).sum();
    return new TierMetrics(entries.size(), bytes, 0, 0);
  }
}
