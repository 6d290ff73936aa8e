package io.stratacache.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stratacache.cache.provider.StratacacheCachingProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the JSR-107 view costs on a hit (issue 14): {@code javax.cache.Cache.get} of the standard
 * provider with store-by-value (the JSR-107 default: every hit hands out a copy decoded by the
 * codec) or store-by-reference, statistics off or on, beside the baselines measured in the same
 * fork: raw Caffeine {@code getIfPresent} and the tiered core's own {@code get} for the near tier;
 * {@code IMap.get} of the same values on the same member for the grid tier (near tier off, every
 * get reads the grid). Zipf keys over 1,000 entries, all hits.
 *
 * <pre>
 * mvn -Pjmh -q -B test-compile exec:exec -Djmh.args="JCacheHitBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JCacheHitBenchmark {
  private static final int KEYS = 1_000;

  @Param({"near", "grid"})
  String tier;

  @Param({
    "baseline",
    "tiered",
    "byReference",
    "byReferenceStatistics",
    "byValue",
    "byValueStatistics"
  })
  String variant;

  private String[] keys;
  private ZipfKeys zipf;
  private Cache<String, BenchValue> caffeine;
  private IMap<String, BenchValue> imap;
  private TieredCache<BenchValue> tiered;
  private javax.cache.Cache<String, BenchValue> jcache;
  private CacheManager manager;
  private HazelcastInstance member;
  private Path gridConfig;
  private final CacheLoader<BenchValue> loader = key -> BenchValue.of(key.length());

  @State(Scope.Thread)
  public static class Cursor {
    int n;
  }

  @Setup
  public void setUp() throws IOException {
    keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "brand:" + i;
    }
    zipf = new ZipfKeys(KEYS, 1 << 16, 7);
    boolean grid = tier.equals("grid");
    Properties p = new Properties();
    p.setProperty("cache.default.codec.allow", "io.stratacache.cache.BenchValue,java.util.**");
    p.setProperty("stratacache.jcache.codec-allow", "io.stratacache.cache.BenchValue,java.util.**");
    if (grid) {
      gridConfig = Files.createTempFile("jcache-bench-", ".yaml");
      Files.writeString(gridConfig, memberYaml());
      p.setProperty(StratacacheCachingProvider.GRID_CONFIG, gridConfig.toString());
      p.setProperty("cache.default.near.enabled", "false");
    }
    manager =
        new StratacacheCachingProvider()
            .getCacheManager(
                URI.create("stratacache:bench-" + tier), getClass().getClassLoader(), p);
    MutableConfiguration<String, BenchValue> config =
        new MutableConfiguration<String, BenchValue>()
            .setTypes(String.class, BenchValue.class)
            .setStoreByValue(variant.startsWith("byValue"))
            .setStatisticsEnabled(variant.endsWith("Statistics"));
    jcache = manager.createCache("bench", config);
    tiered = jcache.unwrap(TieredCache.class);
    if (grid) {
      member = com.hazelcast.core.Hazelcast.getHazelcastInstanceByName("stratacache-jcache-bench");
      imap = member.getMap("raw");
    } else {
      caffeine = Caffeine.newBuilder().maximumSize(2 * KEYS).build();
    }
    for (int i = 0; i < KEYS; i++) {
      BenchValue value = BenchValue.of(i);
      jcache.put(keys[i], value);
      if (grid) {
        imap.set(keys[i], value);
      } else {
        caffeine.put(keys[i], value);
      }
    }
    if (jcache.get(keys[0]) == null || tiered.get(keys[0], loader) == null) {
      throw new IllegalStateException("the cache lost its entries");
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    manager.close();
    if (member != null) {
      member.shutdown();
    }
    if (gridConfig != null) {
      Files.deleteIfExists(gridConfig);
    }
  }

  @Benchmark
  public Object get(Cursor cursor) {
    String key = keys[zipf.at(cursor.n++)];
    switch (variant) {
      case "baseline":
        return caffeine != null ? caffeine.getIfPresent(key) : imap.get(key);
      case "tiered":
        return tiered.get(key, loader);
      default:
        return jcache.get(key);
    }
  }

  /** An embedded member on 127.0.0.1 that joins nothing. */
  private static String memberYaml() {
    return String.join(
        "\n",
        "hazelcast:",
        "  instance-name: stratacache-jcache-bench",
        "  cluster-name: stratacache-jcache-bench",
        "  properties:",
        "    hazelcast.phone.home.enabled: false",
        "    hazelcast.logging.type: none",
        "    hazelcast.socket.bind.any: false",
        "    hazelcast.local.localAddress: 127.0.0.1",
        "    hazelcast.wait.seconds.before.join: 0",
        "  network:",
        "    port:",
        "      port: 5990",
        "    interfaces:",
        "      enabled: true",
        "      interfaces:",
        "        - 127.0.0.1",
        "    join:",
        "      auto-detection:",
        "        enabled: false",
        "      multicast:",
        "        enabled: false",
        "      tcp-ip:",
        "        enabled: false",
        "");
  }
}
