package io.stratacache.cache;

import io.stratacache.cache.tier.TierEntry;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A memory tier that, while stalled, blocks every call until released (a hung grid or database).
 */
final class StallingTier extends ForwardingTier {
  volatile CountDownLatch stall;
  final AtomicInteger calls = new AtomicInteger();

  StallingTier(String name, InstantSource clock) {
    super(new MemoryTier(name, clock));
  }

  void stall() {
    stall = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch s = stall;
    stall = null;
    if (s != null) {
      s.countDown();
    }
  }

  @Override
  protected void before() {
    calls.incrementAndGet();
    CountDownLatch s = stall;
    if (s != null) {
      try {
        s.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stalled");
      }
    }
  }

  MemoryTier memory() {
    return (MemoryTier) delegate;
  }

  TierEntry<byte[]> stored(String key) {
    return memory().entries.get(key);
  }
}
