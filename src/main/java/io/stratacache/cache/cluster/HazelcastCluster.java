package io.stratacache.cache.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.stratacache.cache.ClusterCounters;
import io.stratacache.cache.InvalidationBus;
import io.stratacache.cache.LoadCoordinator;
import io.stratacache.cache.tier.TierFactory;
import io.stratacache.cache.tier.grid.HazelcastGridTier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;

/**
 * The tiered caches' view of the Hazelcast member: Payara's own where the server offers one (Payara
 * Micro and Payara Server inject it), else the application's {@link HazelcastMember} (WildFly). It
 * hands out the grid tier over its maps, the invalidation bus, the cluster-wide load coordinator,
 * and the member's identity. It keeps every Hazelcast type inside this package and {@code
 * cache.tier.grid}, so that the registry's producer wires the caches without naming one.
 *
 * <p>Every grid map of the caches ({@code stratacache.*}) keeps one synchronous backup, whatever
 * Payara's defaults are; that configuration is added when the bean is created, before any of those
 * maps is.
 *
 * <p>{@code @Dependent}: its one owner (the registry's producer) asks for the load coordinator once
 * and calls {@link #close()} when the application stops. Thread-safe.
 */
@Dependent
public class HazelcastCluster {

  @Inject Instance<HazelcastInstance> serverMember;
  @Inject HazelcastMember ownMember;

  private HazelcastInstance hazelcast;
  private boolean holdsOwnMember;

  private HazelcastLoadCoordinator coordinator;
  private HazelcastClusterCounters counters;

  /**
   * The cluster of an embedded member outside a container (the standard JSR-107 provider's grid
   * tier): the member named by the Hazelcast configuration file {@code configFile} (XML or YAML,
   * with an {@code instance-name}), started on the first call and shared by every later one in this
   * JVM. The member is never shut down here: it lives as long as the JVM, or until the application
   * calls {@code Hazelcast.shutdownAll()}.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when the configuration names no instance
   */
  public static HazelcastCluster embedded(String configFile) {
    Config config;
    try {
      config = Config.loadFromFile(new java.io.File(configFile));
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("no Hazelcast configuration at " + configFile, e);
    }
    if (config.getInstanceName() == null || config.getInstanceName().isBlank()) {
      throw new IllegalArgumentException(configFile + " must name its member (instance-name)");
    }
    HazelcastCluster cluster = new HazelcastCluster();
    cluster.configure(Hazelcast.getOrCreateHazelcastInstance(config));
    return cluster;
  }

  @PostConstruct
  void configure() {
    if (serverMember.isResolvable()) {
      configure(serverMember.get());
    } else {
      configure(ownMember.acquire());
      holdsOwnMember = true;
    }
  }

  /** Works on {@code member} from now on. */
  void configure(HazelcastInstance member) {
    hazelcast = member;
    hazelcast
        .getConfig()
        .addMapConfig(new MapConfig(HazelcastGridTier.MAP_PREFIX + "*").setBackupCount(1));
  }

  /** The grid tier: one {@code IMap} per cache on this member's cluster. */
  public TierFactory gridTier() {
    return HazelcastGridTier.factory(hazelcast);
  }

  /** The invalidation bus on the cluster's reliable topic. */
  public InvalidationBus invalidationBus() {
    return HazelcastInvalidationBus.create(hazelcast);
  }

  /** The load coordinator (leases in the grid), created on the first call; later calls share it. */
  public synchronized LoadCoordinator loadCoordinator() {
    if (coordinator == null) {
      coordinator = HazelcastLoadCoordinator.create(hazelcast);
    }
    return coordinator;
  }

  /** The cluster-wide counters (PN counters in the grid), created on the first call; shared. */
  public synchronized ClusterCounters counters() {
    if (counters == null) {
      counters = HazelcastClusterCounters.create(hazelcast);
    }
    return counters;
  }

  /** Where the members publish their statistics to each other. */
  public io.stratacache.cache.MemberBoard memberBoard() {
    return HazelcastMemberBoard.create(hazelcast);
  }

  /** This member's id in the cluster (a UUID). */
  public String memberId() {
    return hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  /** How many members the cluster has now. */
  public int size() {
    return hazelcast.getCluster().getMembers().size();
  }

  /**
   * Leaves the cluster's load coordination (removes its listener) and flushes the counters, then
   * releases the application's own member if it took one; idempotent. Each owner calls it when it
   * stops using the cluster (in a disposer: the caches flush to the grid when they close, after
   * which the member may stop).
   */
  public synchronized void close() {
    if (counters != null) {
      counters.close();
      counters = null;
    }
    if (coordinator != null) {
      coordinator.close();
      coordinator = null;
    }
    if (holdsOwnMember) {
      holdsOwnMember = false;
      ownMember.release();
    }
  }
}
