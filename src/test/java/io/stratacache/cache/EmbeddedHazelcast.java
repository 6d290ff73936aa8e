package io.stratacache.cache;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link HazelcastInstance} parameter with one embedded member for the whole test run:
 * bound to 127.0.0.1, joining nothing (no multicast, TCP/IP or auto-detection), shut down at the
 * end of the run. Test classes isolate themselves by map name.
 */
public final class EmbeddedHazelcast implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == HazelcastInstance.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Member.class, type -> new Member(), Member.class)
        .instance;
  }

  private static final class Member implements ExtensionContext.Store.CloseableResource {
    final HazelcastInstance instance;

    Member() {
      Config config = new Config();
      config.setClusterName("stratacache-test-" + UUID.randomUUID());
      config.setProperty("hazelcast.phone.home.enabled", "false");
      config.setProperty("hazelcast.logging.type", "none");
      config.setProperty("hazelcast.socket.bind.any", "false");
      config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
      NetworkConfig network = config.getNetworkConfig();
      network.setPort(5801).setPortAutoIncrement(true);
      network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
      JoinConfig join = network.getJoin();
      join.getMulticastConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(false);
      join.getAutoDetectionConfig().setEnabled(false);
      instance = Hazelcast.newHazelcastInstance(config);
    }

    @Override
    public void close() {
      instance.shutdown();
    }
  }
}
