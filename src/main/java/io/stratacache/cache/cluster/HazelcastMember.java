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

  // One member per deployment (this class is loaded once per deployment): CDI may create this
  // bean anew while the application stops, and such an instance must not start a second member.
  private static final Object LOCK = new Object();
  private static HazelcastInstance instance;
  private static int holders;
  private static boolean stopping;

  /**
   * The member, started on the first call (joining the others it finds); later calls share it. Each
   * call must be matched by one {@link #release()}.
   *
   * @throws IllegalStateException when the application is stopping and the member has stopped
   */
  public HazelcastInstance acquire() {
    synchronized (LOCK) {
      if (instance == null) {
        if (stopping) {
          throw new IllegalStateException("the application is stopping: no grid member");
        }
        instance = Hazelcast.newHazelcastInstance(config());
        HazelcastInstance started = instance;
        LOG.info(
            () ->
                "Started the application's own grid member "
                    + started.getCluster().getLocalMember().getAddress()
                    + " in cluster "
                    + clusterName
                    + " ("
                    + started.getCluster().getMembers().size()
                    + " members)");
      }
      holders++;
      return instance;
    }
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
  public void release() {
    synchronized (LOCK) {
      holders = Math.max(0, holders - 1);
      if (holders == 0 && stopping) {
        shutdown();
      }
    }
  }

  /**
   * The application stops: the member stops once every holder has released it, or after {@value
   * #STOP_GRACE_SECONDS} s (CDI may have destroyed a holder without its disposer), so that the
   * caches can still flush to the grid while they close.
   */
  @PreDestroy
  void stop() {
    synchronized (LOCK) {
      if (stopping || instance == null) {
        stopping = true;
        return;
      }
      stopping = true;
      if (holders == 0) {
        shutdown();
        return;
      }
    }
    Thread stopper =
        new Thread(
            () -> {
              long end = System.nanoTime() + STOP_GRACE_SECONDS * 1_000_000_000L;
              synchronized (LOCK) {
                while (instance != null && holders > 0 && System.nanoTime() < end) {
                  try {
                    LOCK.wait(100);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                  }
                }
                shutdown();
              }
            },
            "stratacache-grid-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  private static final int STOP_GRACE_SECONDS = 5;

  private static void shutdown() {
    if (instance != null) {
      LOG.info("Stopping the application's own grid member");
      instance.shutdown();
      instance = null;
    }
  }
}
