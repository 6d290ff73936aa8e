package io.stratacache.warmup.hotkey;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Saves what {@link HotKeys} and {@link KeyReloaders} learned to {@code warmup_hot_key} and seeds a
 * new instance with it, so hot keys survive restarts and deployments.
 *
 * <p>What is saved, per cache (sampled counts, as the sketches hold them):
 *
 * <ul>
 *   <li>the instance's top {@code WARMUP_HOT_KEYS_PERSIST_KEYS} keys over the current and the
 *       previous hour (slot -1), counting only its own reads (not what it restored), one set of
 *       rows per instance, replaced at each save; the rows of an instance that stopped stay until
 *       they are two hours old, so a restore sums the reads of the last two hours of every
 *       instance. Restore sums the sets of every instance saved within the last {@link
 *       #RECENT_WINDOW} and seeds the result as reads of the hour in progress (counted by {@code
 *       traffic_based} for that hour and the next; never folded into the profile);
 *   <li>the hour-of-day profile (slots 0–23), one set of rows for the whole cluster: each save adds
 *       what this instance counted since its previous save (or since the restore that seeded it),
 *       so counts of several instances add up and nothing is counted twice. Restore seeds the 24
 *       profile sketches with them;
 *   <li>the reload recipe of every saved key that has one ({@link ReloadCodec}).
 * </ul>
 *
 * A row that cannot be used (unknown cache slot, a recipe whose class, method or arguments do not
 * decode) is skipped and counted; the first reason is logged once per restore. {@link #save} and
 * {@link #restore} are serialized; thread-safe.
 */
final class HotKeyPersistence {

  private static final Logger LOG = Logger.getLogger(HotKeyPersistence.class.getName());

  /** Recent rows older than this are ignored and deleted: the sketch's window is two hours. */
  static final Duration RECENT_WINDOW = Duration.ofHours(2);

  /** What a {@link #restore} found. */
  record Restored(int recentKeys, int profileKeys, int recipes, int skipped, String firstSkip) {}

  /** What a {@link #save} wrote. */
  private final HotKeys hotKeys;

  private final KeyReloaders reloaders;
  private final ReloadCodec codec;
  private final JdbcHotKeyStore store;
  private final String instanceId;
  private final int keys;
  private final Duration maxAge;
  private final LongSupplier millis;

  /** Per cache and hour, the profile estimates already in the table (bounded: the saved keys). */
  private final Map<String, Map<String, Long>> saved = new HashMap<>();

  HotKeyPersistence(
      HotKeys hotKeys,
      KeyReloaders reloaders,
      ReloadCodec codec,
      JdbcHotKeyStore store,
      String instanceId,
      int keys,
      Duration maxAge,
      LongSupplier millis) {
    this.hotKeys = hotKeys;
    this.reloaders = reloaders;
    this.codec = codec;
    this.store = store;
    this.instanceId = instanceId;
    this.keys = keys;
    this.maxAge = maxAge;
    this.millis = millis;
  }

  /** Seeds the sketches and the recipes from the table. */
  synchronized Restored restore() throws SQLException {
    Instant now = Instant.ofEpochMilli(millis.getAsLong());
    List<JdbcHotKeyStore.Row> rows = store.load(now.minus(RECENT_WINDOW));
    Map<String, Long> recent = new LinkedHashMap<>();
    Map<String, Long> profile = new LinkedHashMap<>();
    Map<String, JdbcHotKeyStore.Row> recipes = new LinkedHashMap<>();
    int skipped = 0;
    String firstSkip = null;
    for (JdbcHotKeyStore.Row r : rows) {
      String problem = check(r);
      if (problem != null) {
        skipped++;
        firstSkip = firstSkip == null ? problem : firstSkip;
        continue;
      }
      String id = HotKeys.id(r.cache(), r.key());
      if (r.slot() == JdbcHotKeyStore.RECENT) {
        recent.merge(id, r.estimate(), Long::sum);
      } else {
        profile.merge(r.slot() + "\u0000" + id, r.estimate(), Long::sum);
      }
      if (r.bean() != null && r.method() != null && r.args() != null) {
        recipes.putIfAbsent(id, r);
      }
    }
    for (var e : recent.entrySet()) {
      String[] ck = e.getKey().split("\u0000", 2);
      hotKeys.seed(ck[0], JdbcHotKeyStore.RECENT, ck[1], e.getValue());
    }
    for (var e : profile.entrySet()) {
      String[] hck = e.getKey().split("\u0000", 3);
      int hour = Integer.parseInt(hck[0]);
      hotKeys.seed(hck[1], hour, hck[2], e.getValue());
      saved.computeIfAbsent(hck[1] + "\u0000" + hour, x -> new HashMap<>()).put(hck[2], 0L);
    }
    // what is in the table now counts as saved: later saves add only the reads after it
    for (String cache : hotKeys.caches()) {
      Optional<HotKeySketch.HourProfile> p = hotKeys.profile(cache);
      if (p.isEmpty()) {
        continue;
      }
      for (int h = 0; h < 24; h++) {
        Map<String, Long> base = saved.get(cache + "\u0000" + h);
        if (base != null) {
          for (String key : base.keySet()) {
            base.put(key, p.get().estimate(key, h));
          }
        }
      }
    }
    int restoredRecipes = 0;
    for (var e : recipes.entrySet()) {
      JdbcHotKeyStore.Row r = e.getValue();
      if (reloaders.find(r.cache(), r.key()).isPresent()) {
        continue;
      }
      try {
        reloaders.record(
            r.cache(),
            r.key(),
            codec.decode(new ReloadCodec.Encoded(r.bean(), r.method(), r.args())));
        restoredRecipes++;
      } catch (RuntimeException x) {
        skipped++;
        firstSkip =
            firstSkip == null ? r.cache() + "/" + r.key() + ": " + x.getMessage() : firstSkip;
      }
    }
    Restored result =
        new Restored(recent.size(), profile.size(), restoredRecipes, skipped, firstSkip);
    if (skipped > 0) {
      LOG.log(
          Level.WARNING,
          "Warm-up: {0} saved hot-key rows or recipes skipped (first: {1})",
          new Object[] {skipped, firstSkip});
    }
    return result;
  }

  private static String check(JdbcHotKeyStore.Row r) {
    if (r.cache() == null || r.cache().isBlank() || r.key() == null) {
      return "row without cache or key";
    }
    if (r.slot() < JdbcHotKeyStore.RECENT || r.slot() > 23) {
      return r.cache() + "/" + r.key() + ": unknown slot " + r.slot();
    }
    if (r.estimate() <= 0) {
      return r.cache() + "/" + r.key() + ": estimate " + r.estimate();
    }
    return null;
  }

  /** Writes this instance's recent top keys and adds its profile counts since the last save. */
  synchronized HotKeyTracking.Saved save() throws SQLException {
    Instant now = Instant.ofEpochMilli(millis.getAsLong());
    List<JdbcHotKeyStore.Row> recent = new ArrayList<>();
    List<JdbcHotKeyStore.Row> deltas = new ArrayList<>();
    Map<String, Map<String, Long>> nextSaved = new HashMap<>();
    Set<String> touched = new HashSet<>();
    Map<String, ReloadCodec.Encoded> encoded = new HashMap<>();
    for (String cache : hotKeys.caches()) {
      for (HotKeySketch.Estimate e : hotKeys.sampledTop(cache, keys)) {
        if (e.key().length() <= JdbcHotKeyStore.MAX_KEY) {
          recent.add(row(cache, JdbcHotKeyStore.RECENT, e.key(), instanceId, e.count(), encoded));
        }
      }
      Optional<HotKeySketch.HourProfile> p = hotKeys.profile(cache);
      if (p.isEmpty()) {
        continue;
      }
      for (int h = 0; h < 24; h++) {
        String slot = cache + "\u0000" + h;
        Map<String, Long> before = saved.getOrDefault(slot, Map.of());
        Map<String, Long> after = new HashMap<>();
        for (HotKeySketch.Estimate e : p.get().top(h, keys)) {
          if (e.key().length() > JdbcHotKeyStore.MAX_KEY) {
            continue;
          }
          long delta = e.count() - before.getOrDefault(e.key(), 0L);
          after.put(e.key(), Math.max(e.count(), before.getOrDefault(e.key(), 0L)));
          if (delta > 0) {
            deltas.add(row(cache, h, e.key(), JdbcHotKeyStore.CLUSTER, delta, encoded));
            touched.add(slot);
          }
        }
        if (!after.isEmpty()) {
          nextSaved.put(slot, after);
        }
      }
    }
    store.replaceRecent(instanceId, recent, now, now.minus(RECENT_WINDOW));
    store.add(deltas, now);
    saved.clear();
    saved.putAll(nextSaved);
    int pruned = 0;
    for (String slot : touched) {
      String[] ch = slot.split("\u0000", 2);
      pruned += store.prune(ch[0], Integer.parseInt(ch[1]), JdbcHotKeyStore.CLUSTER, keys);
    }
    pruned += store.purgeBefore(now.minus(maxAge));
    return new HotKeyTracking.Saved(recent.size(), deltas.size(), pruned);
  }

  private JdbcHotKeyStore.Row row(
      String cache,
      int slot,
      String key,
      String instance,
      long estimate,
      Map<String, ReloadCodec.Encoded> encoded) {
    String id = HotKeys.id(cache, key);
    ReloadCodec.Encoded r =
        encoded.computeIfAbsent(
            id,
            x ->
                reloaders
                    .find(cache, key)
                    .flatMap(HotKeyPersistence::encode)
                    .orElse(new ReloadCodec.Encoded(null, null, null)));
    return new JdbcHotKeyStore.Row(
        cache, slot, key, instance, estimate, r.bean(), r.method(), r.args(), null);
  }

  private static Optional<ReloadCodec.Encoded> encode(KeyReloaders.Reload reload) {
    try {
      ReloadCodec.Encoded e = ReloadCodec.encode(reload);
      if (e.args().length() > JdbcHotKeyStore.MAX_ARGS
          || e.method().length() > 512
          || e.bean().length() > 255) {
        return Optional.empty();
      }
      return Optional.of(e);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "recipe not saved: {0}", e.getMessage());
      return Optional.empty();
    }
  }
}
