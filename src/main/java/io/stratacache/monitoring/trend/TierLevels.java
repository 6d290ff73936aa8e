package io.stratacache.monitoring.trend;

/**
 * What a cache's tiers hold at one moment, per tier, because the tiers add up differently over the
 * members of a cluster: each member's near tier is its own and the grid reports the entries the
 * member owns, so both are summed over members; the store is one database that every member reads
 * whole, so it counts once (the largest member reading). Figures a tier cannot tell (or a disabled
 * tier) read 0. Immutable.
 *
 * @param nearEntries entries in the near tier
 * @param nearBytes encoded bytes in the near tier
 * @param gridEntries grid entries owned by the member (for a cluster sum: all of them)
 * @param gridBytes their bytes
 * @param storeEntries entries in the store
 * @param storeBytes their bytes
 */
record TierLevels(
    long nearEntries,
    long nearBytes,
    long gridEntries,
    long gridBytes,
    long storeEntries,
    long storeBytes) {

  static final TierLevels NONE = new TierLevels(0, 0, 0, 0, 0, 0);

  TierLevels {
    nearEntries = Math.max(0, nearEntries);
    nearBytes = Math.max(0, nearBytes);
    gridEntries = Math.max(0, gridEntries);
    gridBytes = Math.max(0, gridBytes);
    storeEntries = Math.max(0, storeEntries);
    storeBytes = Math.max(0, storeBytes);
  }

  /** Entries of the largest tier (what {@link TrendPoint#entries()} reports). */
  long entries() {
    return Math.max(nearEntries, Math.max(gridEntries, storeEntries));
  }

  /** Bytes summed over the tiers (what {@link TrendPoint#bytes()} reports). */
  long bytes() {
    return nearBytes + gridBytes + storeBytes;
  }

  /** The levels of two members together: near and grid summed, the shared store counted once. */
  TierLevels plusMember(TierLevels other) {
    return new TierLevels(
        nearEntries + other.nearEntries,
        nearBytes + other.nearBytes,
        gridEntries + other.gridEntries,
        gridBytes + other.gridBytes,
        Math.max(storeEntries, other.storeEntries),
        Math.max(storeBytes, other.storeBytes));
  }
}
