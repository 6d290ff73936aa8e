package io.stratacache.warmup;

import io.stratacache.warmup.hotkey.HotKeyTracking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * {@code traffic_based}: the {@code WARMUP_TRAFFIC_TOP_K} most read keys of every cache over the
 * current and the previous hour (see {@link HotKeyTracking#warmTraffic}). A key still cached in a
 * lower tier is copied up into the near tier; a key no tier holds is loaded again by replaying the
 * {@code @CacheResult} call recorded for it; a key without a recorded call (read only through the
 * administration API, or whose recipe was evicted) is skipped. Returns the keys warmed.
 */
@ApplicationScoped
public class TrafficBasedTask implements WarmupTask {

  @Inject HotKeyTracking tracking;
  @Inject WarmupSettings settings;

  @Override
  public String name() {
    return "traffic_based";
  }

  @Override
  public int priority() {
    return 60;
  }

  @Override
  public Duration timeout() {
    return settings.taskTimeout();
  }

  @Override
  public int warm() throws InterruptedException {
    return tracking.warmTraffic();
  }
}
