package io.stratacache.warmup.hotkey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.stratacache.cache.CacheObserver;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Which keys of each cache are hot: a {@link CacheObserver} that feeds every read (or one in {@code
 * sampleEvery}) into a {@link HotKeySketch} per cache, and remembers when hot keys were last loaded
 * or written so {@code predictive} can refresh them before they expire.
 *
 * <p>Memory is bounded: one sketch per cache (at most {@link #MAX_CACHES} caches, reads of others
 * are ignored), and the write times of at most {@code 4 × reloaders} keys (least used dropped). The
 * read path takes no global lock. Thread-safe.
 */
final class HotKeys implements CacheObserver {

  /** Caches tracked at most; the registry has about a dozen. */
  static final int MAX_CACHES = 64;

  private final HotKeySettings settings;
  private final LongSupplier millis;
  private final ZoneId zone;
  private final int stripes;
  private final ConcurrentHashMap<String, HotKeySketch> sketches = new ConcurrentHashMap<>();
  private final Cache<String, Long> written;

  /**
   * @param millis the wall clock in epoch milliseconds
   * @param zone the zone of the hour-of-day profile
   */
  public HotKeys(HotKeySettings settings, LongSupplier millis, ZoneId zone) {
    this.settings = settings;
    this.millis = millis;
    this.zone = zone;
    this.stripes = Math.min(16, 2 * Runtime.getRuntime().availableProcessors());
    this.written =
        Caffeine.newBuilder()
            .maximumSize(Math.max(1000L, 4L * settings.reloaders()))
            .executor(Runnable::run)
            .build();
  }

  @Override
  public void onGet(String cache, String key, long nanos) {
    int n = settings.sampleEvery();
    if (n > 1 && ThreadLocalRandom.current().nextInt(n) != 0) {
      return;
    }
    HotKeySketch s = sketch(cache);
    if (s != null) {
      s.offer(key, millis.getAsLong());
    }
  }

  @Override
  public void onPut(String cache, String key, long nanos) {
    written.put(id(cache, key), millis.getAsLong());
  }

  @Override
  public void onLoad(String cache, String key, long nanos, boolean failed) {
    if (!failed) {
      written.put(id(cache, key), millis.getAsLong());
    }
  }

  private HotKeySketch sketch(String cache) {
    HotKeySketch s = sketches.get(cache);
    if (s != null || sketches.size() >= MAX_CACHES) {
      return s;
    }
    return sketches.computeIfAbsent(
        cache,
        c -> new HotKeySketch(stripes, settings.capacity(), settings.profileCapacity(), zone));
  }

  /** The caches with tracked reads, sorted. */
  public Set<String> caches() {
    return new TreeSet<>(sketches.keySet());
  }

  /**
   * The {@code k} most read keys of {@code cache} over the current and the previous hour, most read
   * first; estimates are scaled by the sampling rate.
   */
  public List<HotKey> top(String cache, int k) {
    HotKeySketch s = sketches.get(cache);
    if (s == null) {
      return List.of();
    }
    List<HotKey> top = new ArrayList<>();
    for (HotKeySketch.Estimate e : s.top(k, millis.getAsLong())) {
      top.add(new HotKey(cache, e.key(), e.count() * settings.sampleEvery()));
    }
    return top;
  }

  /**
   * The {@code k} keys of {@code cache} this instance read most over the current and the previous
   * hour (restored counts left out), with the sketch's own (sampled, not scaled) counts: what
   * {@link HotKeyPersistence} saves.
   */
  List<HotKeySketch.Estimate> sampledTop(String cache, int k) {
    HotKeySketch s = sketches.get(cache);
    return s == null ? List.of() : s.top(k, millis.getAsLong(), false);
  }

  /**
   * Adds restored sampled counts of {@code key}: to the recent hours ({@code hour} -1, see {@link
   * HotKeySketch#seedRecent}) or to the profile of {@code hour} (0–23). Ignored once {@link
   * #MAX_CACHES} caches are tracked.
   */
  void seed(String cache, int hour, String key, long sampledCount) {
    HotKeySketch s = sketch(cache);
    if (s == null) {
      return;
    }
    if (hour < 0) {
      s.seedRecent(key, sampledCount, millis.getAsLong());
    } else {
      s.seedProfile(hour, key, sampledCount);
    }
  }

  /** The hour-of-day profile of {@code cache}, if it has tracked reads. */
  Optional<HotKeySketch.HourProfile> profile(String cache) {
    HotKeySketch s = sketches.get(cache);
    return s == null ? Optional.empty() : Optional.of(s.profile());
  }

  /** When {@code key} was last loaded or written on this instance, if still remembered. */
  public OptionalLong lastWritten(String cache, String key) {
    Long t = written.getIfPresent(id(cache, key));
    return t == null ? OptionalLong.empty() : OptionalLong.of(t);
  }

  /** Reads dropped because the sketch's stripes were busy, over every cache. */
  public long dropped() {
    long d = 0;
    for (HotKeySketch s : sketches.values()) {
      d += s.dropped();
    }
    return d;
  }

  ZoneId zone() {
    return zone;
  }

  long now() {
    return millis.getAsLong();
  }

  static String id(String cache, String key) {
    return cache + '\u0000' + key;
  }
}
