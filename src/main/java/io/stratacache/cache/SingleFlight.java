package io.stratacache.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loads in flight of one cache, at most one per key: a caller either joins the key's current
 * load or becomes its owner. A load is a {@link PublicationGuard.Ticket} taken when it started, so
 * a load that started before a write or invalidation of its key is not current: a later caller
 * takes its place (the old one finishes for its own callers) rather than wait for a value it must
 * not see. Results are opaque objects (the core's value, or its "not found" sentinel). Thread-safe.
 */
final class SingleFlight {
  private final String cacheName;
  private final PublicationGuard guard;
  private final ConcurrentHashMap<String, Load> loads = new ConcurrentHashMap<>();

  SingleFlight(String cacheName, PublicationGuard guard) {
    this.cacheName = cacheName;
    this.guard = guard;
  }

  /**
   * The key's current load to join, or a new one owned by the calling thread ({@link Load#mine()});
   * the owner must {@link #finish} it.
   *
   * @throws IllegalStateException if the calling thread already owns the key's load (its loader
   *     asked for its own key)
   */
  Load claim(String key) {
    Load mine = new Load(guard, key, Thread.currentThread());
    for (; ; ) {
      Load existing = loads.putIfAbsent(key, mine);
      if (existing == null) {
        return mine;
      }
      if (existing.owner == Thread.currentThread()) {
        throw new IllegalStateException(
            "recursive load: the loader of key '"
                + key
                + "' in cache "
                + cacheName
                + " asked for it");
      }
      if (existing.isCurrent()) {
        return existing;
      }
      if (loads.replace(key, existing, mine)) {
        return mine;
      }
    }
  }

  /**
   * A new load of {@code key} for a background refresh, not yet owned by any thread ({@link
   * Load#start()} marks the thread that runs it); null if a load of the key is in flight.
   */
  Load claimForRefresh(String key) {
    if (loads.containsKey(key)) {
      return null;
    }
    Load mine = new Load(guard, key, null);
    return loads.putIfAbsent(key, mine) == null ? mine : null;
  }

  /** Ends {@code load}: the key is free for the next load (unless another took its place). */
  void finish(String key, Load load) {
    loads.remove(key, load);
  }

  /** A load in flight: its owner thread and the result every caller of the key waits for. */
  final class Load extends PublicationGuard.Ticket {
    /** The thread running the load; null while a background refresh waits for the executor. */
    private volatile Thread owner;

    private final CompletableFuture<Object> result = new CompletableFuture<>();

    private Load(PublicationGuard guard, String key, Thread owner) {
      super(guard, key);
      this.owner = owner;
    }

    /** Whether the calling thread owns this load. */
    boolean mine() {
      return owner == Thread.currentThread();
    }

    /** Marks the calling thread as the owner (a background refresh starting). */
    void start() {
      owner = Thread.currentThread();
    }

    void complete(Object value) {
      result.complete(value);
    }

    void fail(Throwable failure) {
      result.completeExceptionally(failure);
    }

    /**
     * Waits for the owner's result.
     *
     * @throws RuntimeException or {@link Error} what the owner's load threw; a checked failure
     *     wrapped in a {@link CacheLoadException}
     */
    Object await() {
      try {
        return result.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new CacheLoadException("loading in cache " + cacheName + " failed", cause);
      }
    }
  }
}
