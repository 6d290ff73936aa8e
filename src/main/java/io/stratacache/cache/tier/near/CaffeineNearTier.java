package io.stratacache.cache.tier.near;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.NearTierFactory;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierMetrics;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;

/**
 * The near tier on Caffeine (W-TinyLFU): holds decoded, immutable values in this JVM, bounded
 * either by entry count or, when a byte budget is given, by the entries' {@link TierEntry#weight()
 * encoded sizes}.
 *
 * <p>Each entry lives until its {@link TierEntry#retainUntil() retention time}. How that is
 * enforced depends on the expiry mode, measured for the near-hit path (docs/benchmarks.md):
 *
 * <ul>
 *   <li><b>After write</b> (no idle time): Caffeine has no expiry policy of its own, which keeps a
 *       hit as cheap as a plain {@code getIfPresent} (Caffeine's per-entry expiry doubles the cost
 *       of a read). Like Hazelcast's near cache, a read that meets an entry past its retention
 *       removes it and misses, and {@link #purgeExpired()} sweeps the rest; until then a dead entry
 *       only holds a slot that W-TinyLFU will evict first if it is cold.
 *   <li><b>After access</b> (an idle time): a Caffeine {@link Expiry} drops an entry unread for the
 *       idle time or at its retention, whichever comes first.
 * </ul>
 *
 * <p>Time comes from the injected clock only (Caffeine's ticker reads it too). Caffeine's
 * maintenance runs on the given executor, as in a plain Caffeine cache; sizes, bytes, evictions and
 * expirations are counted synchronously (an eviction listener and the tier's own writes), so they
 * are exact once {@link #purgeExpired()} has run the pending maintenance. Thread-safe; {@link
 * #removeByTag} and {@link #removeByPattern} scan the entries (the near tier is small and these
 * operations are rare, so an index would cost every write for little gain).
 */
public final class CaffeineNearTier implements Tier<Object> {
  private final Cache<String, TierEntry<Object>> cache;
  private final InstantSource clock;
  private final LongAdder bytes = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder expirations = new LongAdder();

  private CaffeineNearTier(
      long maxEntries, long maxBytes, Duration idle, InstantSource clock, Executor maintenance) {
    this.clock = clock;
    Caffeine<String, TierEntry<Object>> builder =
        Caffeine.newBuilder()
            .executor(maintenance)
            .evictionListener(
                (String key, TierEntry<Object> entry, RemovalCause cause) -> {
                  if (entry != null) {
                    bytes.add(-entry.weight());
                  }
                  if (cause == RemovalCause.SIZE) {
                    evictions.increment();
                  } else if (cause == RemovalCause.EXPIRED) {
                    expirations.increment();
                  }
                });
    if (idle != null && !idle.isZero()) {
      builder
          .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
          .expireAfter(new IdleExpiry(idle, clock));
    }
    if (maxBytes > 0) {
      builder
          .maximumWeight(maxBytes)
          .weigher((String key, TierEntry<Object> entry) -> entry.weight());
    } else {
      builder.maximumSize(maxEntries);
    }
    this.cache = builder.build();
  }

  /**
   * The factory the cache registry creates each cache's near tier with: bounds from the cache's
   * settings, Caffeine's maintenance on the common pool (Caffeine's default).
   */
  public static NearTierFactory factory() {
    return (cacheName, bounds, clock) ->
        create(
            bounds.maxEntries(),
            bounds.maxBytes(),
            bounds.idle(),
            clock,
            ForkJoinPool.commonPool());
  }

  /**
   * Creates a near tier.
   *
   * @param maxEntries the entry bound, used when {@code maxBytes} is 0; must be positive then
   * @param maxBytes the byte bound over entries' encoded sizes, or 0 to bound by entries
   * @param idle expire an entry not read for this long (expire after access), or null/zero to
   *     expire only at the entry's retention time (expire after write)
   * @param clock the time source (the tier converts it to Caffeine's ticker)
   * @param maintenance runs Caffeine's maintenance (Caffeine's default is the common pool; tests
   *     pass {@code Runnable::run})
   * @throws IllegalArgumentException if both bounds are zero or one is negative
   */
  public static CaffeineNearTier create(
      long maxEntries, long maxBytes, Duration idle, InstantSource clock, Executor maintenance) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(maintenance, "maintenance");
    if (maxEntries < 0 || maxBytes < 0 || (maxEntries == 0 && maxBytes == 0)) {
      throw new IllegalArgumentException(
          "near tier needs max-entries or max-bytes > 0, got " + maxEntries + "/" + maxBytes);
    }
    return new CaffeineNearTier(maxEntries, maxBytes, idle, clock, maintenance);
  }

  @Override
  public String name() {
    return "near";
  }

  @Override
  public TierEntry<Object> get(String key, long now) {
    TierEntry<Object> entry = cache.getIfPresent(key);
    if (entry != null && entry.retainUntil() <= now) {
      expire(key, entry);
      return null;
    }
    return entry;
  }

  private void expire(String key, TierEntry<Object> entry) {
    if (remove(key, entry)) {
      expirations.increment();
    }
  }

  @Override
  public void put(String key, TierEntry<Object> entry) {
    TierEntry<Object> previous = cache.asMap().put(key, entry);
    bytes.add(entry.weight() - (previous == null ? 0 : previous.weight()));
  }

  /** {@code Cache.getAllPresent}, entries past their retention removed as {@link #get} does. */
  @Override
  public Map<String, TierEntry<Object>> getAll(Collection<String> keys, long now) {
    Map<String, TierEntry<Object>> found = new HashMap<>(cache.getAllPresent(keys));
    found
        .entrySet()
        .removeIf(
            e -> {
              if (e.getValue().retainUntil() <= now) {
                expire(e.getKey(), e.getValue());
                return true;
              }
              return false;
            });
    return found;
  }

  @Override
  public void putAll(Map<String, TierEntry<Object>> entries) {
    entries.forEach(this::put);
  }

  @Override
  public void removeAll(Collection<String> keys) {
    keys.forEach(this::remove);
  }

  @Override
  public void remove(String key) {
    TierEntry<Object> previous = cache.asMap().remove(key);
    if (previous != null) {
      bytes.add(-previous.weight());
    }
  }

  /** Removes {@code key} if it still maps to {@code entry}; true if it did. */
  private boolean remove(String key, TierEntry<Object> entry) {
    if (cache.asMap().remove(key, entry)) {
      bytes.add(-entry.weight());
      return true;
    }
    return false;
  }

  private long removeIf(BiPredicate<String, TierEntry<Object>> condition) {
    long removed = 0;
    for (Map.Entry<String, TierEntry<Object>> e : cache.asMap().entrySet()) {
      if (condition.test(e.getKey(), e.getValue()) && remove(e.getKey(), e.getValue())) {
        removed++;
      }
    }
    return removed;
  }

  @Override
  public long removeByTag(String tag) {
    return removeIf((key, entry) -> entry.tags().contains(tag));
  }

  @Override
  public long removeByPattern(KeyPattern pattern) {
    return removeIf((key, entry) -> pattern.matches(key));
  }

  @Override
  public void clear() {
    removeIf((key, entry) -> true);
  }

  /** Sweeps entries past their retention (and lets Caffeine drop idle ones). */
  @Override
  public long purgeExpired() {
    long before = expirations.sum();
    long now = clock.millis();
    cache
        .asMap()
        .forEach(
            (key, entry) -> {
              if (entry.retainUntil() <= now) {
                expire(key, entry);
              }
            });
    cache.cleanUp();
    return expirations.sum() - before;
  }

  @Override
  public TierMetrics metrics() {
    return new TierMetrics(cache.estimatedSize(), bytes.sum(), evictions.sum(), expirations.sum());
  }

  @Override
  public void close() {
    clear();
  }

  /** Expiry after the idle time without a read, never past the entry's retention time. */
  private static final class IdleExpiry implements Expiry<String, TierEntry<Object>> {
    private final long idleNanos;
    private final InstantSource clock;

    IdleExpiry(Duration idle, InstantSource clock) {
      this.idleNanos = idle.toNanos();
      this.clock = clock;
    }

    private long next(TierEntry<Object> entry) {
      long millis = entry.retainUntil() - clock.millis();
      if (millis <= 0) {
        return 0;
      }
      long untilRetention =
          millis >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : millis * 1_000_000;
      return Math.min(idleNanos, untilRetention);
    }

    @Override
    public long expireAfterCreate(String key, TierEntry<Object> entry, long currentTime) {
      return next(entry);
    }

    @Override
    public long expireAfterUpdate(
        String key, TierEntry<Object> entry, long currentTime, long currentDuration) {
      return next(entry);
    }

    @Override
    public long expireAfterRead(
        String key, TierEntry<Object> entry, long currentTime, long currentDuration) {
      return next(entry);
    }
  }
}
