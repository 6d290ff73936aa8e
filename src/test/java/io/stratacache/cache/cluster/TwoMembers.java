package io.stratacache.cache.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;

/**
 * Two embedded Hazelcast members in this JVM forming one cluster on loopback only: bound to
 * 127.0.0.1, TCP/IP join to 127.0.0.1, multicast and auto-detection off, a random cluster name.
 */
final class TwoMembers implements AutoCloseable {
  final HazelcastInstance a;
  final HazelcastInstance b;

  TwoMembers() {
    String cluster = "stratacache-cluster-test-" + UUID.randomUUID();
    a = Hazelcast.newHazelcastInstance(config(cluster, null));
    int port = a.getCluster().getLocalMember().getAddress().getPort();
    b = Hazelcast.newHazelcastInstance(config(cluster, "127.0.0.1:" + port));
    if (a.getCluster().getMembers().size() != 2) {
      close();
      throw new IllegalStateException("the two members did not form one cluster");
    }
  }

  /** A member joining {@code first} (null for the first member). */
  private static Config config(String cluster, String first) {
    Config config = new Config();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(5901).setPortAutoIncrement(true).setPortCount(20);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember(first == null ? "127.0.0.1" : first);
    return config;
  }

  @Override
  public void close() {
    b.shutdown();
    a.shutdown();
  }
}
