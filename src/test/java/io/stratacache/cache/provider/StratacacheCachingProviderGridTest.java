package io.stratacache.cache.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.stratacache.cache.jcache.TieredCacheManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard provider with the grid tier ({@code stratacache.grid.config}): two embedded members
 * of one loopback cluster in this JVM, each behind its own provider, stand for two instances.
 */
class StratacacheCachingProviderGridTest {

  @TempDir Path dir;

  private final String cluster = "stratacache-provider-test-" + UUID.randomUUID();
  private final StratacacheCachingProvider onA = new StratacacheCachingProvider();
  private final StratacacheCachingProvider onB = new StratacacheCachingProvider();

  @AfterEach
  void close() {
    onA.close();
    onB.close();
    for (String member : new String[] {"a", "b"}) {
      HazelcastInstance h = Hazelcast.getHazelcastInstanceByName(cluster + "-" + member);
      if (h != null) {
        h.shutdown();
      }
    }
  }

  @Test
  void putOnOneMember_isReadOnTheOther_andLandsInTheGrid() throws Exception {
    CacheManager a = manager(onA, "a", URI.create("stratacache:orders"));
    CacheManager b = manager(onB, "b", URI.create("stratacache:orders"));
    Cache<String, String> onMemberA = a.createCache("orders", config());
    Cache<String, String> onMemberB = b.createCache("orders", config());

    onMemberA.put("o-1", "shipped");

    assertEquals("shipped", onMemberB.get("o-1"));
    HazelcastInstance member = Hazelcast.getHazelcastInstanceByName(cluster + "-a");
    assertEquals(2, member.getCluster().getMembers().size());
    assertTrue(
        member.getDistributedObjects().stream()
            .anyMatch(o -> o.getName().endsWith(TieredCacheManager.tieredName("orders"))),
        "the cache's grid map exists");
  }

  @Test
  void removeOnOneMember_isSeenOnTheOther() throws Exception {
    Cache<String, String> onMemberA =
        manager(onA, "a", URI.create("stratacache:x")).createCache("c", config());
    Cache<String, String> onMemberB =
        manager(onB, "b", URI.create("stratacache:x")).createCache("c", config());
    onMemberA.put("k", "v");
    assertEquals("v", onMemberB.get("k"));

    onMemberA.remove("k");

    assertNull(onMemberB.get("k"));
  }

  @Test
  void managersOfOtherUris_shareNoEntries() throws Exception {
    Cache<String, String> first =
        manager(onA, "a", URI.create("stratacache:first")).createCache("same", config());
    Cache<String, String> second =
        manager(onB, "b", URI.create("stratacache:second")).createCache("same", config());

    first.put("k", "first's");

    assertNull(second.get("k"));
  }

  @Test
  void configWithoutMemberName_isRefused() throws IOException {
    Path file = dir.resolve("nameless.yaml");
    Files.writeString(file, "hazelcast:\n  cluster-name: " + cluster + "\n");
    Properties p = new Properties();
    p.setProperty(StratacacheCachingProvider.GRID_CONFIG, file.toString());

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> onA.getCacheManager(URI.create("stratacache:n"), null, p));
    assertTrue(refused.getMessage().contains("instance-name"), refused.getMessage());
  }

  @Test
  void missingConfigFile_isRefused() {
    Properties p = new Properties();
    p.setProperty(StratacacheCachingProvider.GRID_CONFIG, dir.resolve("absent.yaml").toString());

    assertThrows(
        UncheckedIOException.class,
        () -> onA.getCacheManager(URI.create("stratacache:m"), null, p));
  }

  private static MutableConfiguration<String, String> config() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
  }

  /** A manager over member {@code name} of this test's cluster (started on first use). */
  private CacheManager manager(StratacacheCachingProvider provider, String name, URI uri)
      throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "hazelcast:",
            "  instance-name: " + cluster + "-" + name,
            "  cluster-name: " + cluster,
            "  properties:",
            "    hazelcast.phone.home.enabled: false",
            "    hazelcast.logging.type: none",
            "    hazelcast.socket.bind.any: false",
            "    hazelcast.local.localAddress: 127.0.0.1",
            "    hazelcast.wait.seconds.before.join: 0",
            "    hazelcast.max.wait.seconds.before.join: 0",
            "  network:",
            "    port:",
            "      auto-increment: true",
            "      port-count: 20",
            "      port: 5980",
            "    interfaces:",
            "      enabled: true",
            "      interfaces: [127.0.0.1]",
            "    join:",
            "      auto-detection: {enabled: false}",
            "      multicast: {enabled: false}",
            "      tcp-ip:",
            "        enabled: true",
            "        member-list: [127.0.0.1:5980, 127.0.0.1:5981]",
            ""));
    Properties p = new Properties();
    p.setProperty(StratacacheCachingProvider.GRID_CONFIG, file.toString());
    return provider.getCacheManager(uri, getClass().getClassLoader(), p);
  }
}
