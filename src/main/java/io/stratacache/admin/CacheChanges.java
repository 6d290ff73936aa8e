package io.stratacache.admin;

import io.stratacache.cache.jcache.Tiered;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.platform.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;

/**
 * Watches one cache's changes for a while ({@code GET /api/v1/cache/{name}/changes}): a JSR-107
 * entry listener registered on the cache's view in the application's {@code CacheManager}, which
 * also hears the changes other instances make (their invalidation events), for at most {@code
 * seconds} or until {@code max} changes were seen, then removed. What an operator tails to see a
 * cache change across the cluster; admin only. Thread-safe.
 */
@ApplicationScoped
public class CacheChanges {

  /** The longest watch, seconds (a request thread waits that long). */
  static final int MAX_SECONDS = 30;

  /** The most changes one watch returns. */
  static final int MAX_CHANGES = 1_000;

  @Inject @Tiered CacheManager manager;

  /** One change seen: its kind (CREATED, UPDATED, REMOVED, EXPIRED) and key. */
  public record Change(String type, String key) {}

  /** What a watch saw, and for how long it watched. */
  public record Watched(String cache, long watchedMillis, List<Change> changes) {}

  /**
   * Watches {@code name}.
   *
   * @param seconds 1..30, default 10
   * @param max 1..1000, default 100
   * @throws InvalidInputException on a bad number (400)
   * @throws UnknownEntityException if no such cache exists here (404)
   */
  public Watched watch(String name, String seconds, String max) {
    int s = bounded("seconds", seconds, 10, MAX_SECONDS);
    int m = bounded("max", max, 100, MAX_CHANGES);
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("a cache name is required");
    }
    Cache<Object, Object> cache = manager.getCache(name);
    if (cache == null) {
      throw new UnknownEntityException("cache", name);
    }
    BlockingQueue<Change> seen = new LinkedBlockingQueue<>();
    Recorder recorder = new Recorder(seen);
    Factory<CacheEntryListener<Object, Object>> factory = () -> recorder;
    MutableCacheEntryListenerConfiguration<Object, Object> registration =
        new MutableCacheEntryListenerConfiguration<>(factory, null, false, false);
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(s);
    List<Change> changes = new ArrayList<>();
    cache.registerCacheEntryListener(registration);
    try {
      while (changes.size() < m) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        Change c = seen.poll(left, TimeUnit.NANOSECONDS);
        if (c != null) {
          changes.add(c);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      cache.deregisterCacheEntryListener(registration);
    }
    return new Watched(name, (System.nanoTime() - start) / 1_000_000L, List.copyOf(changes));
  }

  private static int bounded(String what, String value, int fallback, int most) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(what + " must be a whole number from 1 to " + most);
    }
    if (n < 1 || n > most) {
      throw new InvalidInputException(what + " must be a whole number from 1 to " + most);
    }
    return n;
  }

  /** The listener of one watch: every kind of change, into the watch's queue. */
  static final class Recorder
      implements CacheEntryCreatedListener<Object, Object>,
          CacheEntryUpdatedListener<Object, Object>,
          CacheEntryRemovedListener<Object, Object>,
          CacheEntryExpiredListener<Object, Object> {
    private final BlockingQueue<Change> seen;

    Recorder(BlockingQueue<Change> seen) {
      this.seen = seen;
    }

    private void add(Iterable<CacheEntryEvent<?, ?>> events) {
      for (CacheEntryEvent<?, ?> e : events) {
        seen.add(new Change(e.getEventType().name(), String.valueOf(e.getKey())));
      }
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<?, ?>> events) {
      add(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<?, ?>> events) {
      add(events);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<?, ?>> events) {
      add(events);
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<?, ?>> events) {
      add(events);
    }
  }
}
