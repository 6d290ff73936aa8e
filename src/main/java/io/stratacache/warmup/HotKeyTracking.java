package io.stratacache.warmup;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.TieredCaches;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * The hot-key tracking of this instance: one {@link HotKeys} and one {@link KeyReloaders},
 * registered as observers of every cache when {@code WARMUP_HOT_KEYS_ENABLED} is on, and the
 * warming the two hot-key tasks share. Thread-safe.
 */
@ApplicationScoped
public class HotKeyTracking {

  private static final Logger LOG = Logger.getLogger(HotKeyTracking.class.getName());

  @Inject HotKeySettings settings;
  @Inject TieredCaches caches;
  @Inject Clock clock;

  private HotKeys hotKeys;
  private KeyReloaders reloaders;
  private HotKeyPlanner planner;
  private HotKeyWarmer warmer;

  @PostConstruct
  void init() {
    hotKeys = new HotKeys(settings, clock::millis, clock.getZone());
    reloaders = new KeyReloaders(settings.reloaders());
    planner = new HotKeyPlanner(hotKeys);
    warmer = new HotKeyWarmer(caches, reloaders);
    if (settings.enabled()) {
      caches.addObserver(hotKeys);
      caches.addObserver(reloaders);
      LOG.info(
          () ->
              String.format(
                  "Warm-up: tracking hot keys (1 read in %d, sketch size %d per cache and hour,"
                      + " %d reload recipes)",
                  settings.sampleEvery(), settings.capacity(), settings.reloaders()));
    } else {
      LOG.info("Warm-up: hot-key tracking off (WARMUP_HOT_KEYS_ENABLED=false)");
    }
  }

  @PreDestroy
  void stop() {
    caches.removeObserver(hotKeys);
    caches.removeObserver(reloaders);
  }

  public HotKeySettings settings() {
    return settings;
  }

  public HotKeys hotKeys() {
    return hotKeys;
  }

  HotKeyPlanner planner() {
    return planner;
  }

  HotKeyWarmer.Outcome warm(List<HotKey> keys, boolean refresh) throws InterruptedException {
    return warmer.warm(keys, refresh);
  }

  /**
   * How long an entry of {@code cache} stays cached: its longest-lived enabled tier's TTL, after
   * which a read has to load it again; null for an unknown cache.
   */
  Duration lifetime(String cache) {
    return caches.find(cache).map(c -> lifetime(c.settings())).orElse(null);
  }

  static Duration lifetime(CacheSettings s) {
    Duration longest = Duration.ZERO;
    if (s.nearEnabled() && s.nearTtl().compareTo(longest) > 0) {
      longest = s.nearTtl();
    }
    if (s.gridEnabled() && s.gridTtl().compareTo(longest) > 0) {
      longest = s.gridTtl();
    }
    if (s.storeEnabled() && s.storeTtl().compareTo(longest) > 0) {
      longest = s.storeTtl();
    }
    return longest;
  }
}
