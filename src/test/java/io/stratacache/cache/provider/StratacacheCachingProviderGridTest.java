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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard provider with the grid tier ({@code stratacache.grid.config}): two embedded members
 * of one loopback cluster in this JVM, each behind its own provider, stand for two instances.
 */
class StratacacheCachingProviderGridTest {

  @TempDir static Path dir;

  private static final String cluster = "stratacache-provider-test-" + UUID.randomUUID();
  private final StratacacheCachingProvider onA = new StratacacheCachingProvider();
  private final StratacacheCachingProvider onB = new StratacacheCachingProvider();

  @AfterEach
  void close() {
    onA.close();
    onB.close();
  }

  /** The two members live for the whole class (the provider never shuts a member down). */
  @AfterAll
  static void stopMembers() {
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

  /**
   * Entry processors on two members incrementing one counter at once: atomic across the grid (the
   * key's cluster lease around each invoke), so no increment is lost.
   */
  @Test
  void invokeOnBothMembersAtOnce_noIncrementLost() throws Exception {
    MutableConfiguration<String, Integer> c =
        new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class);
    Cache<String, Integer> onMemberA =
        manager(onA, "a", URI.create("stratacache:counters")).createCache("n", c);
    Cache<String, Integer> onMemberB =
        manager(onB, "b", URI.create("stratacache:counters")).createCache("n", c);
    int perThread = 40;
    java.util.List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> failed =
        new java.util.concurrent.atomic.AtomicReference<>();
    for (Cache<String, Integer> cache :
        java.util.List.of(onMemberA, onMemberB, onMemberA, onMemberB)) {
      Thread t =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < perThread; i++) {
                    cache.invoke(
                        "count",
                        (entry, args) -> {
                          entry.setValue(entry.exists() ? entry.getValue() + 1 : 1);
                          return null;
                        });
                  }
                } catch (Throwable e) {
                  failed.set(e);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(60));
    }
    assertNull(failed.get(), () -> "an invoke failed: " + failed.get());
    assertEquals(
        Integer.valueOf(4 * perThread),
        onMemberA.<Integer>invoke("count", (entry, args) -> entry.getValue()));
    assertEquals(
        Integer.valueOf(4 * perThread),
        onMemberB.<Integer>invoke("count", (entry, args) -> entry.getValue()));
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

    // B's near copy goes when A's invalidation arrives (asynchronous; bounded wait).
    assertNull(awaitValue(onMemberB, "k", null));
  }

  @Test
  void listenerOnOneMember_seesCreateUpdateAndRemoveMadeOnTheOther() throws Exception {
    Cache<String, String> onMemberA =
        manager(onA, "a", URI.create("stratacache:events")).createCache("e", config());
    Cache<String, String> onMemberB =
        manager(onB, "b", URI.create("stratacache:events")).createCache("e", config());
    Recorder seen = new Recorder();
    onMemberA.registerCacheEntryListener(listenTo(seen));

    onMemberB.put("k", "one");
    assertEquals("CREATED k=one", seen.next());
    onMemberB.put("k", "two");
    assertEquals("UPDATED k=two", seen.next());
    onMemberB.remove("k");
    assertEquals("REMOVED k=null", seen.next());
    assertNull(onMemberA.get("k"));
    assertNull(seen.events.peek(), "no further event");
  }

  @Test
  void listenerOnOneMember_seesUpdatesOfKeysItKnows_ofAnyType() throws Exception {
    MutableConfiguration<Integer, String> c =
        new MutableConfiguration<Integer, String>().setTypes(Integer.class, String.class);
    Cache<Integer, String> onMemberA =
        manager(onA, "a", URI.create("stratacache:numbers")).createCache("n", c);
    Cache<Integer, String> onMemberB =
        manager(onB, "b", URI.create("stratacache:numbers")).createCache("n", c);
    onMemberB.put(7, "seven");
    assertEquals("seven", onMemberA.get(7)); // A knows key 7 from now on
    Recorder seen = new Recorder();
    onMemberA.registerCacheEntryListener(listenTo(seen));

    onMemberB.put(7, "SEVEN");

    // The event of B's first put may arrive after A read key 7 (then it reads as an update too).
    assertEquals("UPDATED 7=SEVEN", seen.nextOtherThan("UPDATED 7=seven"));
  }

  @Test
  void managersOfOtherUris_seeNoEventsOfEachOther() throws Exception {
    Cache<String, String> first =
        manager(onA, "a", URI.create("stratacache:one")).createCache("same", config());
    Cache<String, String> second =
        manager(onB, "b", URI.create("stratacache:two")).createCache("same", config());
    Recorder seen = new Recorder();
    first.registerCacheEntryListener(listenTo(seen));
    Cache<String, String> firstOnB =
        manager(onB, "b", URI.create("stratacache:one")).createCache("same", config());

    second.put("k", "second's");
    firstOnB.put("marker", "m");

    assertEquals("CREATED marker=m", seen.next(), "the other URI's put announced nothing");
  }

  /** Events as "TYPE key=value", in arrival order. */
  static final class Recorder
      implements CacheEntryCreatedListener<Object, Object>,
          CacheEntryUpdatedListener<Object, Object>,
          CacheEntryRemovedListener<Object, Object>,
          java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final transient BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void onCreated(Iterable<CacheEntryEvent<?, ?>> e) {
      record(e);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<?, ?>> e) {
      record(e);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<?, ?>> e) {
      record(e);
    }

    private void record(Iterable<CacheEntryEvent<?, ?>> batch) {
      for (CacheEntryEvent<?, ?> e : batch) {
        events.add(e.getEventType() + " " + e.getKey() + "=" + e.getValue());
      }
    }

    /** The next event other than {@code skipped}, waiting at most 10 s for each. */
    String nextOtherThan(String skipped) throws InterruptedException {
      String e = next();
      while (skipped.equals(e)) {
        e = next();
      }
      return e;
    }

    /** The next event, waiting at most 10 s (null when none came). */
    String next() throws InterruptedException {
      return events.poll(10, TimeUnit.SECONDS);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <K, V> MutableCacheEntryListenerConfiguration<K, V> listenTo(Recorder r) {
    return new MutableCacheEntryListenerConfiguration<K, V>(
        (Factory) FactoryBuilder.factoryOf(r), null, false, false);
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
    Files.writeString(file, "hazelcast:\n  cluster-name: " + cluster + "-nameless\n");
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

  /** What {@code cache} holds for {@code key} once it is {@code expected}, or after 10 s. */
  private static <K, V> V awaitValue(Cache<K, V> cache, K key, V expected)
      throws InterruptedException {
    V v = cache.get(key);
    for (int i = 0; i < 200 && !java.util.Objects.equals(v, expected); i++) {
      Thread.sleep(50);
      v = cache.get(key);
    }
    return v;
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
