package io.stratacache.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * The enabled tiers of one cache, in read order (near, grid, store; a disabled tier is null), and
 * what the cache does to all of them at once: purge, health, probes and repair, close. Immutable
 * and thread-safe (the tiers are).
 */
final class TierSet {
  final GuardedTier<Object> near;
  final GuardedTier<byte[]> grid;
  final GuardedTier<byte[]> store;
  final List<GuardedTier<?>> all;

  TierSet(GuardedTier<Object> near, GuardedTier<byte[]> grid, GuardedTier<byte[]> store) {
    this.near = near;
    this.grid = grid;
    this.store = store;
    List<GuardedTier<?>> enabled = new ArrayList<>(3);
    for (GuardedTier<?> tier : new GuardedTier<?>[] {near, grid, store}) {
      if (tier != null) {
        enabled.add(tier);
      }
    }
    this.all = List.copyOf(enabled);
  }

  /** What to do when the grid or store rejoins after its breaker closed (flush the near tier). */
  void onRejoin(Runnable action) {
    for (GuardedTier<byte[]> remote : remotes()) {
      remote.onRejoin(action);
    }
  }

  /** How the grid and the store fence what was in flight when they are repaired. */
  void repairFence(
      java.util.function.Function<GuardedTier<byte[]>, GuardedTier.RepairFence<byte[]>> fence) {
    for (GuardedTier<byte[]> remote : remotes()) {
      remote.repairFence(fence.apply(remote));
    }
  }

  /** Physically removes dead entries from every tier; how many were removed. */
  long purgeExpired() {
    long purged = 0;
    for (GuardedTier<?> tier : all) {
      purged += tier.purgeExpired();
    }
    return purged;
  }

  /** The circuit-breaker view of the grid and store tiers. */
  List<TierStatus> statuses() {
    List<TierStatus> statuses = new ArrayList<>(2);
    for (GuardedTier<byte[]> remote : remotes()) {
      statuses.add(remote.status());
    }
    return statuses;
  }

  /** Probes open breakers past their cool-down and repairs tiers that need it. */
  void check() {
    for (GuardedTier<byte[]> remote : remotes()) {
      remote.check();
    }
  }

  /** Drops the near tier (the shared tiers keep their data). */
  void close() {
    if (near != null) {
      near.close();
    }
  }

  private List<GuardedTier<byte[]>> remotes() {
    List<GuardedTier<byte[]>> remotes = new ArrayList<>(2);
    if (grid != null) {
      remotes.add(grid);
    }
    if (store != null) {
      remotes.add(store);
    }
    return remotes;
  }
}
