package io.stratacache.cache.tier.grid;

import com.hazelcast.config.IndexType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierFactory;
import io.stratacache.cache.tier.TierMetrics;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The grid tier on a Hazelcast {@code IMap<String, byte[]>}: one map per cache, named {@code
 * stratacache.<cache>}, plus a tag index map {@code stratacache.<cache>.tags} whose keys are {@code
 * tag + '\u001f' + key} and whose values are the tag. Both carry the entry's retention as their
 * Hazelcast TTL, so the grid forgets dead entries by itself; reads also check the retention against
 * the injected clock, so a fake clock in tests and clock skew between members cannot make the tier
 * return an entry past its retention.
 *
 * <p>The maps' configuration (backups, memory format) belongs to the platform: the tier adds a hash
 * index on the tag map's values and, for a cache with {@code grid.max-bytes}, an eviction bound on
 * its entry map ({@link GridMapBound}). Values are plain byte arrays, so members never need
 * application classes.
 *
 * <p>Thread-safe. Invalidation by tag or pattern runs as a distributed predicate on the members; an
 * entry written with a tag while its tag is being invalidated may survive that invalidation, but
 * keeps its index entry, so the next invalidation of the tag removes it.
 */
public final class HazelcastGridTier implements Tier<byte[]> {
  /** Prefix of the map names; the platform's map config should match {@code stratacache.*}. */
  public static final String MAP_PREFIX = "stratacache.";

  static final char TAG_SEPARATOR = '\u001f';

  /** Suffix of the epoch map's name: {@code stratacache.<cache>.epochs}. */
  public static final String EPOCHS = ".epochs";

  private static final String KEY = "__key";

  private final IMap<String, byte[]> entries;
  private final IMap<String, String> tags;
  private final IMap<String, Long> epochs;
  private final InstantSource clock;

  private HazelcastGridTier(
      IMap<String, byte[]> entries,
      IMap<String, String> tags,
      IMap<String, Long> epochs,
      InstantSource clock) {
    this.entries = entries;
    this.tags = tags;
    this.epochs = epochs;
    this.clock = clock;
    tags.addIndex(IndexType.HASH, "this");
  }

  /**
   * Creates the grid tier over the given maps.
   *
   * @param entries the entry map (its name is the platform's choice)
   * @param tags the tag index map, distinct from {@code entries}
   * @param clock the registry's time source
   */
  public static HazelcastGridTier create(
      IMap<String, byte[]> entries, IMap<String, String> tags, InstantSource clock) {
    return create(entries, tags, null, clock);
  }

  /**
   * Creates the grid tier over the given maps, with the invalidation epochs of tags, patterns and
   * clears in {@code epochs} ({@link #moveEpoch}; null keeps none, so fills are fenced by key
   * only).
   */
  public static HazelcastGridTier create(
      IMap<String, byte[]> entries,
      IMap<String, String> tags,
      IMap<String, Long> epochs,
      InstantSource clock) {
    Objects.requireNonNull(entries, "entries");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(clock, "clock");
    if (entries.getName().equals(tags.getName())) {
      throw new IllegalArgumentException("entry and tag maps must differ: " + tags.getName());
    }
    return new HazelcastGridTier(entries, tags, epochs, clock);
  }

  /**
   * A factory for the cache registry: each cache gets the maps {@code stratacache.<name>} and
   * {@code stratacache.<name>.tags} of {@code hazelcast}. A cache created with a byte bound ({@code
   * grid.max-bytes}) first gets its own map configuration, see {@link GridMapBound}.
   */
  public static TierFactory factory(HazelcastInstance hazelcast) {
    Objects.requireNonNull(hazelcast, "hazelcast");
    return new TierFactory() {
      @Override
      public Tier<byte[]> create(String cacheName, InstantSource clock) {
        return HazelcastGridTier.create(
            hazelcast.getMap(MAP_PREFIX + cacheName),
            hazelcast.getMap(MAP_PREFIX + cacheName + ".tags"),
            hazelcast.getMap(MAP_PREFIX + cacheName + EPOCHS),
            clock);
      }

      @Override
      public Tier<byte[]> create(String cacheName, InstantSource clock, long maxBytes) {
        if (maxBytes > 0) {
          GridMapBound.apply(hazelcast.getConfig(), MAP_PREFIX + cacheName, maxBytes);
        }
        return create(cacheName, clock);
      }
    };
  }

  @Override
  public String name() {
    return "grid";
  }

  @Override
  public TierEntry<byte[]> get(String key, long now) {
    byte[] bytes = entries.get(key);
    if (bytes == null || GridEnvelope.retainUntil(bytes) <= now) {
      return null;
    }
    return GridEnvelope.unwrap(bytes);
  }

  /**
   * Reads without blocking a thread: the core waits on the future with its timeout. The envelope is
   * unwrapped on the thread that completes Hazelcast's future ({@code Runnable::run}): Hazelcast's
   * {@code thenApply} would run it on its default async executor (the common pool), one more thread
   * hand-off per grid hit, which measured about 7× the cost of {@code IMap.get} on two cores.
   */
  @Override
  public CompletionStage<TierEntry<byte[]>> getAsync(String key, long now) {
    return entries
        .getAsync(key)
        .thenApplyAsync(
            bytes ->
                bytes == null || GridEnvelope.retainUntil(bytes) <= now
                    ? null
                    : GridEnvelope.unwrap(bytes),
            Runnable::run);
  }

  @Override
  public void put(String key, TierEntry<byte[]> entry) {
    long ttl = entry.retainUntil() - clock.millis();
    if (ttl <= 0) {
      entries.delete(key);
      return;
    }
    entries.set(key, GridEnvelope.wrap(entry), ttl, TimeUnit.MILLISECONDS);
    for (String tag : entry.tags()) {
      tags.set(tag + TAG_SEPARATOR + key, tag, ttl, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void remove(String key) {
    entries.delete(key);
  }

  /** A tombstone in the key's place: {@code set} with the tombstone's retention as its TTL. */
  @Override
  public void fence(String key, TierEntry<byte[]> tombstone) {
    long ttl = tombstone.retainUntil() - clock.millis();
    if (ttl <= 0) {
      entries.delete(key);
      return;
    }
    entries.set(key, GridEnvelope.wrap(tombstone), ttl, TimeUnit.MILLISECONDS);
  }

  /** Every {@code setAsync} of a tombstone sent at once, then awaited. */
  @Override
  public void fenceAll(Collection<String> keys, TierEntry<byte[]> tombstone) {
    long ttl = tombstone.retainUntil() - clock.millis();
    if (ttl <= 0) {
      removeAll(keys);
      return;
    }
    byte[] bytes = GridEnvelope.wrap(tombstone);
    List<CompletableFuture<?>> pending = new ArrayList<>(keys.size());
    for (String key : keys) {
      pending.add(entries.setAsync(key, bytes, ttl, TimeUnit.MILLISECONDS).toCompletableFuture());
    }
    await(pending);
  }

  /**
   * A compare-and-set with JDK types only, so members need no application class (no entry
   * processor): for a reader that saw nothing, {@code putIfAbsent} (one round trip); otherwise the
   * current bytes are read and {@code replace(key, current, new)} swaps them only if they are still
   * the ones whose version the reader saw (Hazelcast compares the serialized bytes on the owner). A
   * dead entry (past its retention by the injected clock, not yet by Hazelcast's TTL) counts as
   * nothing. {@code replace} takes no TTL, so the new entry's TTL is set after it.
   */
  @Override
  public boolean putIfVersion(String key, TierEntry<byte[]> entry, long seenVersion) {
    long now = clock.millis();
    long ttl = entry.retainUntil() - now;
    if (ttl <= 0) {
      return false;
    }
    byte[] bytes = GridEnvelope.wrap(entry);
    byte[] current;
    if (seenVersion == 0) {
      current = entries.putIfAbsent(key, bytes, ttl, TimeUnit.MILLISECONDS);
      if (current == null) {
        writeTags(key, entry, ttl);
        return true;
      }
      if (GridEnvelope.retainUntil(current) > now) {
        return false;
      }
    } else {
      current = entries.get(key);
      if (current == null
          || GridEnvelope.retainUntil(current) <= now
          || GridEnvelope.version(current) != seenVersion) {
        return false;
      }
    }
    if (!entries.replace(key, current, bytes)) {
      return false;
    }
    entries.setTtl(key, ttl, TimeUnit.MILLISECONDS);
    writeTags(key, entry, ttl);
    return true;
  }

  /**
   * {@link #putIfVersion} for a batch, at about one round trip for the keys whose reader saw
   * nothing (a bulk fill's usual case: keys no tier held): their {@code putIfAbsent}s are all sent
   * asynchronously and then awaited, where the one-by-one path waits for each in turn (100,000 of
   * them were most of a 100,000-key warm-up's time). Hazelcast 5.3's map proxy has the asynchronous
   * {@code putIfAbsent} that its {@code IMap} interface does not yet declare; without that proxy,
   * and for the keys whose reader saw a version or whose {@code putIfAbsent} met a dead entry, each
   * key takes the one-by-one path. Tag index entries of the stored keys follow, as there.
   */
  @Override
  public Set<String> putAllIfVersion(Map<String, TierEntry<byte[]>> batch, Map<String, Long> seen) {
    if (!(entries instanceof com.hazelcast.map.impl.proxy.MapProxyImpl<String, byte[]> proxy)) {
      return Tier.super.putAllIfVersion(batch, seen);
    }
    long now = clock.millis();
    Map<String, CompletableFuture<byte[]>> sent = new HashMap<>();
    Map<String, TierEntry<byte[]>> oneByOne = new HashMap<>();
    for (Map.Entry<String, TierEntry<byte[]>> e : batch.entrySet()) {
      String key = e.getKey();
      TierEntry<byte[]> entry = e.getValue();
      long ttl = entry.retainUntil() - now;
      if (ttl <= 0) {
        continue; // refused, as putIfVersion refuses it
      }
      if (seen.getOrDefault(key, 0L) != 0) {
        oneByOne.put(key, entry);
        continue;
      }
      sent.put(
          key,
          proxy
              .putIfAbsentAsync(key, GridEnvelope.wrap(entry), ttl, TimeUnit.MILLISECONDS)
              .toCompletableFuture());
    }
    await(new ArrayList<>(sent.values()));
    Set<String> stored = new HashSet<>();
    List<CompletableFuture<?>> tagWrites = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<byte[]>> e : sent.entrySet()) {
      String key = e.getKey();
      byte[] current = e.getValue().join();
      if (current == null) {
        stored.add(key);
        TierEntry<byte[]> entry = batch.get(key);
        sendTags(key, entry, entry.retainUntil() - now, tagWrites);
      } else if (GridEnvelope.retainUntil(current) <= now) {
        oneByOne.put(key, batch.get(key)); // a dead entry counts as nothing: replace it
      }
    }
    await(tagWrites);
    oneByOne.forEach(
        (key, entry) -> {
          if (putIfVersion(key, entry, seen.getOrDefault(key, 0L))) {
            stored.add(key);
          }
        });
    return stored;
  }

  /** Sends the {@code setAsync} of each of {@code entry}'s tag index entries into {@code sent}. */
  private void sendTags(
      String key, TierEntry<byte[]> entry, long ttl, List<CompletableFuture<?>> sent) {
    for (String tag : entry.tags()) {
      sent.add(
          tags.setAsync(tag + TAG_SEPARATOR + key, tag, ttl, TimeUnit.MILLISECONDS)
              .toCompletableFuture());
    }
  }

  private void writeTags(String key, TierEntry<byte[]> entry, long ttl) {
    for (String tag : entry.tags()) {
      tags.set(tag + TAG_SEPARATOR + key, tag, ttl, TimeUnit.MILLISECONDS);
    }
  }

  /** One {@code IMap.getAll}: one operation per partition owner, not one per key. */
  @Override
  public Map<String, TierEntry<byte[]>> getAll(Collection<String> keys, long now) {
    Map<String, TierEntry<byte[]>> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    Set<String> wanted = keys instanceof Set<String> set ? set : new HashSet<>(keys);
    entries
        .getAll(wanted)
        .forEach(
            (key, bytes) -> {
              if (bytes != null && GridEnvelope.retainUntil(bytes) > now) {
                found.put(key, GridEnvelope.unwrap(bytes));
              }
            });
    return found;
  }

  /**
   * Every entry with its own TTL ({@code IMap.putAll} and {@code setAll} take none): all {@code
   * setAsync} calls are sent at once and then awaited, so a batch costs about one round trip, not
   * one per key. Tag index entries likewise.
   */
  @Override
  public void putAll(Map<String, TierEntry<byte[]>> batch) {
    long now = clock.millis();
    List<CompletableFuture<?>> pending = new ArrayList<>(batch.size());
    Map<String, TierEntry<byte[]>> tagged = new HashMap<>();
    for (Map.Entry<String, TierEntry<byte[]>> e : batch.entrySet()) {
      String key = e.getKey();
      TierEntry<byte[]> entry = e.getValue();
      long ttl = entry.retainUntil() - now;
      if (ttl <= 0) {
        pending.add(entries.removeAsync(key).toCompletableFuture());
        continue;
      }
      pending.add(
          entries
              .setAsync(key, GridEnvelope.wrap(entry), ttl, TimeUnit.MILLISECONDS)
              .toCompletableFuture());
      if (!entry.tags().isEmpty()) {
        tagged.put(key, entry);
      }
    }
    if (!tagged.isEmpty()) {
      // entries before their index entries (see removeByTag): one more round trip, tagged only
      await(pending);
      pending.clear();
      tagged.forEach((key, entry) -> sendTags(key, entry, entry.retainUntil() - now, pending));
    }
    await(pending);
  }

  /** Every {@code removeAsync} sent at once, then awaited. */
  @Override
  public void removeAll(Collection<String> keys) {
    List<CompletableFuture<?>> pending = new ArrayList<>(keys.size());
    for (String key : keys) {
      pending.add(entries.removeAsync(key).toCompletableFuture());
    }
    await(pending);
  }

  private static void await(List<CompletableFuture<?>> pending) {
    try {
      // all were sent before the first wait: waiting in turn costs the slowest, not the sum
      for (CompletableFuture<?> f : pending) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.forEach(f -> f.cancel(false));
      throw new IllegalStateException("interrupted while writing a batch to the grid", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException("a grid batch failed", cause);
    }
  }

  /** One {@code set} of a plain {@code Long} with the epoch's retention as its TTL. */
  @Override
  public void moveEpoch(String subject, long epoch, long retainUntil) {
    if (epochs == null) {
      return;
    }
    long ttl = Math.max(1, retainUntil - clock.millis());
    epochs.set(subject, epoch, ttl, TimeUnit.MILLISECONDS);
  }

  /** One {@code IMap.getAll}; a subject without an entry reads 0. */
  @Override
  public Map<String, Long> epochs(Collection<String> subjects) {
    if (epochs == null) {
      return null;
    }
    Map<String, Long> found = new HashMap<>();
    Set<String> wanted = subjects instanceof Set<String> set ? set : new HashSet<>(subjects);
    Map<String, Long> held = wanted.isEmpty() ? Map.of() : epochs.getAll(wanted);
    for (String subject : wanted) {
      Long epoch = held.get(subject);
      found.put(subject, epoch == null ? 0L : epoch);
    }
    return found;
  }

  @Override
  public long removeByTag(String tag) {
    Predicate<String, String> tagged = Predicates.equal("this", tag);
    Set<String> indexKeys = tags.keySet(tagged);
    if (indexKeys.isEmpty()) {
      return 0;
    }
    String[] keys = new String[indexKeys.size()];
    int i = 0;
    for (String indexKey : indexKeys) {
      keys[i++] = indexKey.substring(indexKey.indexOf(TAG_SEPARATOR) + 1);
    }
    // Only the index entries found, and before the entries: a put writes its entry and then its
    // index entry, so an entry written while this runs keeps an index entry and the next
    // invalidation of the tag reaches it. Removing every index entry of the tag after the entries
    // (as this did) could drop the index entry of an entry written in between, and no later
    // invalidation by tag would ever find that entry again (the consistency checker found one
    // brand's answer served through six later writes).
    tags.removeAll(Predicates.in(KEY, indexKeys.toArray(String[]::new)));
    entries.removeAll(Predicates.in(KEY, keys));
    return keys.length;
  }

  @Override
  public long removeByPattern(KeyPattern pattern) {
    entries.removeAll(Predicates.regex(KEY, pattern.regex()));
    return -1;
  }

  @Override
  public void clear() {
    entries.clear();
    tags.clear();
  }

  /** This member's share of the map (owned entries, their memory, its evictions and expiries). */
  @Override
  public TierMetrics metrics() {
    LocalMapStats stats = entries.getLocalMapStats();
    return new TierMetrics(
        stats.getOwnedEntryCount(),
        stats.getOwnedEntryMemoryCost(),
        stats.getEvictionCount(),
        stats.getExpirationCount());
  }
}
