package io.stratacache.warmup;

import io.stratacache.store.HierarchyLevel;
import io.stratacache.store.StagedWarmup;
import io.stratacache.store.StoreAnalytics;
import io.stratacache.store.StoreHierarchy;
import io.stratacache.store.StoreSettings;
import io.stratacache.store.StoreView;
import io.stratacache.warmup.hotkey.HotKey;
import io.stratacache.warmup.hotkey.HotKeyTracking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code store_hierarchy}: the staged warm-up of the store hierarchy (seed 004, {@link
 * StagedWarmup}). Store traffic comes from the hot-key sketch of the hierarchy's hot level ({@code
 * store-hot}): each dashboard or diagnosis key read counts for its stores. The stages, their times
 * and counts are the task's detail in the warm-up history; the hot stores it chose get the longer
 * level-4 TTL.
 */
@ApplicationScoped
public class StoreHierarchyTask implements WarmupTask {
  private static final Logger LOG = Logger.getLogger(StoreHierarchyTask.class.getName());

  @Inject StoreHierarchy hierarchy;
  @Inject StoreAnalytics analytics;
  @Inject StoreSettings settings;
  @Inject WarmupSettings warmup;
  @Inject HotKeyTracking tracking;
  @Inject Clock clock;

  private volatile String detail;

  @Override
  public String name() {
    return "store_hierarchy";
  }

  @Override
  public int priority() {
    return 55;
  }

  @Override
  public Duration timeout() {
    Duration t = warmup.taskTimeout();
    return t.compareTo(Duration.ofMinutes(5)) < 0 ? Duration.ofMinutes(5) : t;
  }

  @Override
  public int warm() throws Exception {
    List<StoreView> stores = analytics.stores();
    List<Long> ids = stores.stream().map(StoreView::id).toList();
    StagedWarmup staged =
        new StagedWarmup(
            settings.hotPercent(), settings.hotWorkers(), settings.coldLimit(), System::nanoTime);
    StagedWarmup.Report report =
        staged.run(
            ids, traffic(), hierarchy.warmer(stores, LocalDate.now(clock), settings.warmDays()));
    hierarchy.hotStores(report.hot());
    detail = report.summary();
    LOG.info(() -> "Store hierarchy warmed: " + detail);
    return report.entries();
  }

  @Override
  public String detail() {
    return detail;
  }

  /** Reads per store, from the hot keys of level 4 ({@code d:<id>:...}, {@code x:<ids>:...}). */
  Map<Long, Long> traffic() {
    Map<Long, Long> traffic = new HashMap<>();
    for (HotKey k : tracking.top(HierarchyLevel.HOT.cacheName(), 10_000)) {
      String key = k.key();
      int first = key.indexOf(':');
      int second = key.indexOf(':', first + 1);
      if (first != 1 || second < 0 || key.startsWith("x:h")) {
        continue;
      }
      for (String id : key.substring(first + 1, second).split(",")) {
        try {
          traffic.merge(Long.parseLong(id), k.estimate(), Long::sum);
        } catch (NumberFormatException ignored) {
          // not a store key
        }
      }
    }
    return traffic;
  }
}
