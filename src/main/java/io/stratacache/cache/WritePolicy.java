package io.stratacache.cache;

/** How a {@link TieredCache#put} reaches the tiers. */
public enum WritePolicy {
  /** Write every enabled tier before {@code put} returns (the default). */
  WRITE_THROUGH,
  /**
   * Write the near tier at once and the grid and store tiers later, in batches. Declared for the
   * cluster issue; a cache configured with it is refused for now.
   */
  WRITE_BEHIND,
  /**
   * Do not copy the value to the shared tiers: remove the key from the grid and the store (and from
   * other instances' near tiers) and keep the value in the local near tier only.
   */
  INVALIDATE_ONLY
}
