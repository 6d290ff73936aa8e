package io.stratacache.warmup.hotkey;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.jcache.AnnotatedCaching;
import io.stratacache.platform.ApplicationDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The hot-key tracking of this instance, the one entry to this package: one {@link HotKeys} and one
 * {@link KeyReloaders}, registered as observers of every cache when {@code WARMUP_HOT_KEYS_ENABLED}
 * is on, and the warming the two hot-key tasks share ({@link #warmTraffic}, {@link #warmAhead}).
 * When {@code WARMUP_HOT_KEYS_SAVE_MINUTES} is above zero, what was learned is restored from the
 * database when tracking starts (the warm-up triggers create this bean before they start the
 * start-up run), saved when {@link #save} is called (the warm-up save timer, {@code POST
 * hot-keys/save}) and once more at shutdown ({@link HotKeyPersistence}). Thread-safe.
 */
@ApplicationScoped
public class HotKeyTracking {

  private static final Logger LOG = Logger.getLogger(HotKeyTracking.class.getName());

  @Inject HotKeySettings settings;
  @Inject TieredCaches caches;
  @Inject AnnotatedCaching caching;
  @Inject Clock clock;
  @Inject @Any Instance<Object> beans;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  /** Statement timeout of the saves and the restore; bounds the save at shutdown. */
  static final int DB_TIMEOUT_SECONDS = 5;

  private HotKeys hotKeys;
  private HotKeyPersistence persistence;
  private final AtomicBoolean shutdownSaved = new AtomicBoolean();
  private KeyReloaders reloaders;
  private HotKeyPlanner planner;
  private HotKeyWarmer warmer;

  @PostConstruct
  void init() {
    hotKeys = new HotKeys(settings, clock::millis, clock.getZone());
    reloaders = new KeyReloaders(settings.reloaders());
    planner = new HotKeyPlanner(hotKeys);
    warmer = new HotKeyWarmer(caches, reloaders, caching);
    if (settings.enabled()) {
      caches.addObserver(hotKeys);
      caches.addObserver(reloaders);
      LOG.info(
          () ->
              String.format(
                  "Warm-up: tracking hot keys (1 read in %d, sketch size %d per cache and hour,"
                      + " %d reload recipes)",
                  settings.sampleEvery(), settings.capacity(), settings.reloaders()));
      if (settings.persisted()) {
        persistence =
            new HotKeyPersistence(
                hotKeys,
                reloaders,
                new ReloadCodec(HotKeyTracking.class.getClassLoader(), c -> beans.select(c).get()),
                new JdbcHotKeyStore(dataSource, DB_TIMEOUT_SECONDS),
                caches.instanceId(),
                settings.persistKeys(),
                settings.maxAge(),
                clock::millis);
        restore();
      }
    } else {
      LOG.info("Warm-up: hot-key tracking off (WARMUP_HOT_KEYS_ENABLED=false)");
    }
  }

  private void restore() {
    long t0 = System.nanoTime();
    try {
      HotKeyPersistence.Restored r = persistence.restore();
      LOG.info(
          () ->
              String.format(
                  "Warm-up: restored %d recent hot keys, %d hour-of-day counts and %d reload"
                      + " recipes from warmup_hot_key in %d ms (%d skipped)",
                  r.recentKeys(),
                  r.profileKeys(),
                  r.recipes(),
                  (System.nanoTime() - t0) / 1_000_000,
                  r.skipped()));
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Warm-up: hot keys not restored: {0}", e.toString());
    }
  }

  /**
   * Saves the learned hot keys now (the save timer, {@code POST hot-keys/save} and shutdown);
   * failures are logged, not thrown.
   *
   * @return what was written; empty if persistence is off or the save failed
   */
  public Optional<Saved> save() {
    if (persistence == null) {
      return Optional.empty();
    }
    long t0 = System.nanoTime();
    try {
      Saved s = persistence.save();
      LOG.fine(
          () ->
              String.format(
                  "Warm-up: hot keys saved (%d recent rows, %d profile rows, %d pruned) in %d ms",
                  s.recentRows(),
                  s.profileRows(),
                  s.pruned(),
                  (System.nanoTime() - t0) / 1_000_000));
      return Optional.of(s);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Warm-up: hot keys not saved: {0}", e.toString());
      return Optional.empty();
    }
  }

  /** What a {@link #save} wrote: recent rows, hour-of-day profile rows, and old rows pruned. */
  public record Saved(int recentRows, int profileRows, int pruned) {}

  /** Saves once at shutdown ({@link HotKeyShutdownSave} or {@code @PreDestroy}, first wins). */
  void saveAtShutdown() {
    if (persistence != null && shutdownSaved.compareAndSet(false, true)) {
      save().ifPresent(s -> LOG.info("Warm-up: hot keys saved at shutdown"));
    }
  }

  @PreDestroy
  void stop() {
    caches.removeObserver(hotKeys);
    caches.removeObserver(reloaders);
    saveAtShutdown();
  }

  public HotKeySettings settings() {
    return settings;
  }

  /** The caches with tracked reads. */
  public Set<String> caches() {
    return hotKeys.caches();
  }

  /** The {@code k} hottest keys of {@code cache} over the current and the previous hour. */
  public List<HotKey> top(String cache, int k) {
    return hotKeys.top(cache, k);
  }

  /** Reads not counted because their sketch was busy. */
  public long droppedReads() {
    return hotKeys.dropped();
  }

  HotKeys hotKeys() {
    return hotKeys;
  }

  /**
   * {@code traffic_based}: warms the {@code WARMUP_TRAFFIC_TOP_K} hottest keys of every cache (see
   * {@link HotKeyWarmer}). Must run where the replayed methods work (a container thread in a
   * transaction).
   *
   * @return the keys warmed
   * @throws InterruptedException if interrupted between keys
   */
  public int warmTraffic() throws InterruptedException {
    List<HotKey> keys = planner.traffic(settings.topK());
    HotKeyWarmer.Outcome o = warmer.warm(keys, false);
    LOG.fine(() -> "traffic_based: " + keys.size() + " hot keys, " + o);
    return o.warmed();
  }

  /**
   * {@code predictive}: of the {@code WARMUP_TRAFFIC_TOP_K} hottest keys of each cache, warms those
   * whose peak hour of day starts within {@code horizon} and reloads those loaded or written here
   * whose longest-lived tier's TTL runs out within it.
   *
   * @return the keys warmed
   * @throws InterruptedException if interrupted between keys
   */
  public int warmAhead(Duration horizon) throws InterruptedException {
    int k = settings.topK();
    List<HotKey> peaking = planner.peakingSoon(k, horizon);
    HotKeyWarmer.Outcome ahead = warmer.warm(peaking, false);
    List<HotKey> expiring = planner.expiringSoon(k, horizon, this::lifetime);
    HotKeyWarmer.Outcome refreshed = warmer.warm(expiring, true);
    LOG.fine(
        () ->
            String.format(
                "predictive: %d keys peak within %s (%s), %d expire within it (%s)",
                peaking.size(), horizon, ahead, expiring.size(), refreshed));
    return ahead.warmed() + refreshed.warmed();
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
