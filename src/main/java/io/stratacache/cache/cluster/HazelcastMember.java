package io.stratacache.cache.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's own Hazelcast member, for a server that offers none (WildFly; Payara's data
 * grid is used where it exists, see {@link HazelcastCluster}). Started on first use from
 * MicroProfile Config and shut down when the application stops:
 *
 * <ul>
 *   <li>{@code GRID_CLUSTER_NAME} (default {@code stratacache}): members of other names never join;
 *   <li>{@code GRID_MEMBERS} (default {@code 127.0.0.1}): comma-separated {@code host} or {@code
 *       host:port} of members to join over TCP (no multicast); a host without a port is tried on
 *       {@code GRID_PORT} and the next two ports;
 *   <li>{@code GRID_INTERFACES} (default {@code 127.0.0.1}): the interfaces the member binds to
 *       (wildcards such as {@code 10.0.1.*} allowed); like {@code server-config/grid.properties},
 *       loopback unless told otherwise;
 *   <li>{@code GRID_PORT} (default {@code 6900}): the first port tried; a second member on the same
 *       host takes the next free one.
 * </ul>
 *
 * <p>Nothing is started on a server whose member is used: this bean is created only when asked.
 * Each {@link HazelcastCluster} that took the member releases it when it closes; the member stops
 * when this bean is destroyed and no cluster holds it any more, whichever comes last (CDI destroys
 * the application's beans in no set order, and the caches flush to the grid when they close).
 * Thread-safe.
 */
@ApplicationScoped
public class HazelcastMember {

  private static final Logger LOG = Logger.getLogger(HazelcastMember.class.getName());

  @Inject
  @ConfigProperty(name = "GRID_CLUSTER_NAME", defaultValue = "stratacache")
  String clusterName;

  @Inject
  @ConfigProperty(name = "GRID_MEMBERS", defaultValue = "127.0.0.1")
  String members;

  @Inject
  @ConfigProperty(name = "GRID_INTERFACES", defaultValue = "127.0.0.1")
  String interfaces;

  @Inject
  @ConfigProperty(name = "GRID_PORT", defaultValue = "6900")
  int port;

  private HazelcastInstance instance;
  private int holders;
  private boolean stopping;

  /**
   * The member, started on the first call (joining the others it finds); later calls share it. Each
   * call must be matched by one {@link #release()}.
   */
  public synchronized HazelcastInstance acquire() {
    holders++;
    if (instance == null) {
      instance = Hazelcast.newHazelcastInstance(config());
      LOG.info(
          () ->
              "Started the application's own grid member "
                  + instance.getCluster().getLocalMember().getAddress()
                  + " in cluster "
                  + clusterName
                  + " ("
                  + instance.getCluster().getMembers().size()
                  + " members)");
    }
    return instance;
  }

  /** The member's configuration from the four settings above. */
  Config config() {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setClassLoader(HazelcastMember.class.getClassLoader());
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(true).setPortCount(100);
    List<String> bindTo = split(interfaces);
    if (!bindTo.isEmpty()) {
      network.getInterfaces().setEnabled(true).setInterfaces(bindTo);
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(split(members));
    return config;
  }

  private static List<String> split(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Gives back what {@link #acquire()} gave; the last one out after the bean's end stops it. */
  public synchronized void release() {
    holders = Math.max(0, holders - 1);
    if (holders == 0 && stopping) {
      shutdown();
    }
  }

  @PreDestroy
  synchronized void stop() {
    stopping = true;
    if (holders == 0) {
      shutdown();
    }
  }

  private void shutdown() {
    if (instance != null) {
      LOG.info("Stopping the application's own grid member");
      instance.shutdown();
      instance = null;
    }
  }
}
