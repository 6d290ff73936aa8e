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
 * with the injected clock, counts calls, and fails on demand.
 */
final class MemoryTier implements Tier<byte[]> {
  final ConcurrentHashMap<String, TierEntry<byte[]>> entries = new ConcurrentHashMap<>();
  final AtomicInteger gets = new AtomicInteger();
  final AtomicInteger puts = new AtomicInteger();
  final AtomicInteger getAlls = new AtomicInteger();
  final AtomicInteger putAlls = new AtomicInteger();
  final AtomicInteger removeAlls = new AtomicInteger();
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

  @Override
  public TierEntry<byte[]> get(String key, long now) {
    gets.incrementAndGet();
    maybeFail();
    TierEntry<byte[]> entry = entries.get(key);
    return entry == null || entry.retainUntil() <= now ? null : entry;
  }

  @Override
  public void put(String key, TierEntry<byte[]> entry) {
    puts.incrementAndGet();
    maybeFail();
    entries.put(key, entry);
  }

  @Override
  public java.util.Map<String, TierEntry<byte[]>> getAll(
      java.util.Collection<String> keys, long now) {
    getAlls.incrementAndGet();
    maybeFail();
    java.util.Map<String, TierEntry<byte[]>> found = new java.util.HashMap<>();
    for (String key : keys) {
      TierEntry<byte[]> entry = entries.get(key);
      if (entry != null && entry.retainUntil() > now) {
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
  }

  @Override
  public void removeAll(java.util.Collection<String> keys) {
    removeAlls.incrementAndGet();
    maybeFail();
    keys.forEach(entries::remove);
  }

  @Override
  public void remove(String key) {
    maybeFail();
    entries.remove(key);
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
  }

  @Override
  public TierMetrics metrics() {
    maybeFail();
    long bytes = entries.values().stream().mapToLong(TierEntry::weight).sum();
    return new TierMetrics(entries.size(), bytes, 0, 0);
  }
}
