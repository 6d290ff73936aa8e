package io.stratacache.cache;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stratacache.cache.tier.grid.HazelcastGridTier;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.concurrent.TimeUnit;
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
 * A grid hit (near tier off, so every get misses near) against a raw {@code IMap.get} of the same
 * value type on the same embedded member, Zipf keys over 1,000 entries. Both deserialize the value
 * with Java serialization: Hazelcast inside {@code IMap.get}, the tiered cache in its codec.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GridHitBenchmark {
  private static final int KEYS = 1_000;

  @Param({"tiered", "imap"})
  String cache;

  private HazelcastInstance hazelcast;
  private String[] keys;
  private ZipfKeys zipf;
  private TieredCache<BenchValue> tiered;
  private IMap<String, BenchValue> raw;
  private final CacheLoader<BenchValue> loader = key -> BenchValue.of(key.length());

  @State(Scope.Thread)
  public static class Cursor {
    int n;
  }

  @Setup
  public void setUp() {
    hazelcast = member();
    keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "brand:" + i;
    }
    zipf = new ZipfKeys(KEYS, 1 << 16, 7);
    tiered =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .grid(HazelcastGridTier.factory(hazelcast))
            .build()
            .cache(
                CacheSettings.builder("bench").tiers(false, true, false).build(), BenchValue.class);
    raw = hazelcast.getMap("raw");
    for (int i = 0; i < KEYS; i++) {
      tiered.put(keys[i], BenchValue.of(i));
      raw.set(keys[i], BenchValue.of(i));
    }
  }

  /** An embedded member on 127.0.0.1 that joins nothing. */
  static HazelcastInstance member() {
    Config config = new Config();
    config.setClusterName("stratacache-bench");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.getNetworkConfig().setPort(5901).setPortAutoIncrement(true);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    return Hazelcast.newHazelcastInstance(config);
  }

  @TearDown
  public void tearDown() {
    hazelcast.shutdown();
  }

  @Benchmark
  public Object get(Cursor cursor) {
    String key = keys[zipf.at(cursor.n++)];
    return cache.equals("tiered") ? tiered.get(key, loader) : raw.get(key);
  }
}
