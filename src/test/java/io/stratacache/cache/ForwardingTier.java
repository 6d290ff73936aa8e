package io.stratacache.cache;

import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierMetrics;

/** A tier delegating every call after a hook, for stubs that stall or count. */
class ForwardingTier implements Tier<byte[]> {
  final Tier<byte[]> delegate;

  ForwardingTier(Tier<byte[]> delegate) {
    this.delegate = delegate;
  }

  protected void before() {}

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public TierEntry<byte[]> get(String key, long now) {
    before();
    return delegate.get(key, now);
  }

  @Override
  public void put(String key, TierEntry<byte[]> entry) {
    before();
    delegate.put(key, entry);
  }

  @Override
  public void remove(String key) {
    before();
    delegate.remove(key);
  }

  @Override
  public void fence(String key, TierEntry<byte[]> tombstone) {
    before();
    delegate.fence(key, tombstone);
  }

  @Override
  public boolean putIfVersion(String key, TierEntry<byte[]> entry, long seenVersion) {
    before();
    return delegate.putIfVersion(key, entry, seenVersion);
  }

  @Override
  public long removeByTag(String tag) {
    before();
    return delegate.removeByTag(tag);
  }

  @Override
  public long removeByPattern(KeyPattern pattern) {
    before();
    return delegate.removeByPattern(pattern);
  }

  @Override
  public void clear() {
    before();
    delegate.clear();
  }

  @Override
  public TierMetrics metrics() {
    return delegate.metrics();
  }
}
