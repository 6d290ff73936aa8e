package io.stratacache.admin;

import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierMetrics;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory byte tier standing in for the grid, that fails every call while {@code down}. */
final class GridStandIn implements Tier<byte[]> {
  final ConcurrentHashMap<String, TierEntry<byte[]>> map = new ConcurrentHashMap<>();
  volatile boolean down;

  private void check() {
    if (down) {
      throw new IllegalStateException("grid down (test)");
    }
  }

  @Override
  public String name() {
    return "grid";
  }

  @Override
  public TierEntry<byte[]> get(String key, long now) {
    check();
    TierEntry<byte[]> e = map.get(key);
    return e == null || e.retainUntil() <= now ? null : e;
  }

  @Override
  public void put(String key, TierEntry<byte[]> entry) {
    check();
    map.put(key, entry);
  }

  @Override
  public void remove(String key) {
    check();
    map.remove(key);
  }

  @Override
  public long removeByTag(String tag) {
    check();
    long before = map.size();
    map.values().removeIf(e -> e.tags().contains(tag));
    return before - map.size();
  }

  @Override
  public long removeByPattern(KeyPattern pattern) {
    check();
    long before = map.size();
    map.keySet().removeIf(pattern::matches);
    return before - map.size();
  }

  @Override
  public void clear() {
    check();
    map.clear();
  }

  @Override
  public TierMetrics metrics() {
    check();
    return new TierMetrics(map.size(), 0, 0, 0);
  }
}
