package io.stratacache.warmup.hotkey;

import io.stratacache.cache.Lookup;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.jcache.AnnotatedCaching;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warms hot keys. A key still cached in some tier is warmed by a {@link TieredCache#peek} (which
 * copies it into the tiers above, the near tier included); a key no tier holds, or one to refresh
 * before it expires, is loaded again by replaying the {@code @CacheResult} call recorded for it
 * ({@link KeyReloaders}): through the cache for a missing key (one load, counted as such), and for
 * a refresh by {@link AnnotatedCaching#reload}, which runs the method's body and replaces the entry
 * instead of reading it. A key with no recorded call cannot be loaded: it is skipped. Must run
 * where the replayed methods work (a container thread in a transaction: the warm-up tasks do).
 */
final class HotKeyWarmer {

  private static final Logger LOG = Logger.getLogger(HotKeyWarmer.class.getName());

  /** What happened to each key of a {@link #warm} call. */
  record Outcome(int warmed, int skipped, int failed) {}

  private final TieredCaches caches;
  private final KeyReloaders reloaders;
  private final AnnotatedCaching caching;

  HotKeyWarmer(TieredCaches caches, KeyReloaders reloaders, AnnotatedCaching caching) {
    this.caches = caches;
    this.reloaders = reloaders;
    this.caching = caching;
  }

  /**
   * Warms {@code keys}; {@code refresh} reloads even the keys still cached.
   *
   * @throws InterruptedException if interrupted between keys (the task's timeout)
   */
  Outcome warm(List<HotKey> keys, boolean refresh) throws InterruptedException {
    int warmed = 0;
    int skipped = 0;
    int failed = 0;
    for (HotKey k : keys) {
      if (Thread.interrupted()) {
        throw new InterruptedException("warm-up task cancelled");
      }
      Optional<TieredCache<?>> cache = caches.find(k.cache());
      if (cache.isEmpty()) {
        skipped++;
        continue;
      }
      @SuppressWarnings("unchecked")
      TieredCache<Object> c = (TieredCache<Object>) cache.get();
      try {
        if (!refresh && !(c.peek(k.key()) instanceof Lookup.Absent<Object>)) {
          warmed++;
          continue;
        }
        Optional<KeyReloaders.Reload> reload = reloaders.find(k.cache(), k.key());
        if (reload.isEmpty()) {
          skipped++;
          continue;
        }
        load(c, k.key(), reload.get(), refresh);
        warmed++;
      } catch (Exception e) {
        failed++;
        LOG.log(Level.FINE, "warming {0}/{1} failed: {2}", new Object[] {k.cache(), k.key(), e});
      }
    }
    return new Outcome(warmed, skipped, failed);
  }

  private void load(
      TieredCache<Object> cache, String key, KeyReloaders.Reload reload, boolean refresh)
      throws Exception {
    if (refresh) {
      caching.reload(reload.method(), reload.args(), reload::invokeBody);
      return;
    }
    Object value = reload.invoke(); // through the cache: a miss loads once (single-flight), stores
    if (value != null && cache.peek(key) instanceof Lookup.Absent<Object>) {
      // The recorded target was not intercepted (a plain object): store the result ourselves.
      cache.put(key, value);
    }
  }
}
