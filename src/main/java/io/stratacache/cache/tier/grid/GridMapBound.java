package io.stratacache.cache.tier.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;

/**
 * The byte bound of one cache's grid map ({@code grid.max-bytes}): a map configuration of its own
 * name, copied from the one the member would use for it (the platform's {@code stratacache.*}
 * wildcard with its backups, or the default), with Hazelcast's eviction {@code LRU} under {@code
 * USED_HEAP_SIZE}. That policy bounds the map's cost on each member (its owned entries and the
 * backups it holds) in whole megabytes, so the bound is rounded up to the next MiB. Hazelcast
 * checks it on every write and evicts the least recently used entries beyond it; the TTLs stay as
 * they were.
 *
 * <p>It must be added before the map is first used on the member: a map that exists keeps the
 * configuration it was created with. The configuration is dynamic, so it reaches every member; the
 * same bound added again by another instance is accepted, a different one is refused.
 */
final class GridMapBound {
  static final long MIB = 1024L * 1024L;

  private GridMapBound() {}

  /** The bound in Hazelcast's unit: {@code maxBytes} rounded up to whole MiB. */
  static int megabytes(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("grid.max-bytes must be positive: " + maxBytes);
    }
    long mib = (maxBytes + MIB - 1) / MIB;
    return (int) Math.min(Integer.MAX_VALUE, mib);
  }

  /**
   * Adds the bounded configuration of {@code mapName} to the member's configuration.
   *
   * @throws IllegalStateException if the member already holds a different configuration of that
   *     exact name (for example another bound from an instance with other settings)
   */
  static MapConfig apply(Config config, String mapName, long maxBytes) {
    int megabytes = megabytes(maxBytes);
    MapConfig bounded = new MapConfig(config.findMapConfig(mapName)).setName(mapName);
    EvictionConfig eviction =
        new EvictionConfig(bounded.getEvictionConfig())
            .setEvictionPolicy(EvictionPolicy.LRU)
            .setMaxSizePolicy(MaxSizePolicy.USED_HEAP_SIZE)
            .setSize(megabytes);
    bounded.setEvictionConfig(eviction);
    try {
      config.addMapConfig(bounded);
    } catch (InvalidConfigurationException e) {
      throw new IllegalStateException(
          "grid map "
              + mapName
              + " already has another configuration; grid.max-bytes="
              + maxBytes
              + " cannot apply (every instance needs the same setting): "
              + e.getMessage(),
          e);
    }
    return bounded;
  }
}
