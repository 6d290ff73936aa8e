package io.stratacache.cache.cluster;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import io.stratacache.cache.EmbeddedHazelcast;
import io.stratacache.cache.LoadCoordinator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedHazelcast.class)
class HazelcastClusterTest {

  private HazelcastInstance hazelcast;
  private HazelcastCluster cluster;

  @BeforeEach
  void create(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    cluster = new HazelcastCluster();
    cluster.configure(hazelcast);
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void configure_givesEveryCacheMapOneBackup() {
    MapConfig config = hazelcast.getConfig().getMapConfigOrNull("stratacache.brand-stats");
    assertNotNull(config, "no map config matches the caches' maps");
    assertEquals(1, config.getBackupCount());
  }

  @Test
  void loadCoordinator_sharedUntilClosed() {
    LoadCoordinator first = cluster.loadCoordinator();
    assertSame(first, cluster.loadCoordinator());
    cluster.close();
    assertDoesNotThrow(cluster::close);
    assertNotSame(first, cluster.loadCoordinator());
  }

  @Test
  void memberId_isTheLocalMembersUuid() {
    assertEquals(hazelcast.getCluster().getLocalMember().getUuid().toString(), cluster.memberId());
    assertEquals(hazelcast.getCluster().getMembers().size(), cluster.size());
  }

  @Test
  void gridTierAndBus_onThisMember() {
    assertNotNull(cluster.gridTier());
    assertNotNull(cluster.invalidationBus());
  }

  /** Loads skip the lease round trips only while this is the cluster's one member. */
  @Test
  void loadCoordinator_aloneExactlyWhileTheOnlyMember() {
    assertEquals(
        hazelcast.getCluster().getMembers().size() == 1, cluster.loadCoordinator().alone());
  }
}
