package io.stratacache.warmup.hotkey;

import io.stratacache.demo.Zipf;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What hot-key tracking adds to each cache read ({@link HotKeys#onGet}, on the reader's thread):
 * every read counted ({@code sample=1}) or one in 4 or 16, with two reader threads on a Zipf
 * (s=1.0) stream over 100,000 keys; {@code off} is the same loop without the observer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class HotKeysBenchmark {

  @Param({"off", "1", "4", "16"})
  String sample;

  HotKeys hotKeys;
  String[] keys;

  @State(Scope.Thread)
  public static class Cursor {
    int i;

    @Setup(Level.Trial)
    public void start() {
      i = new Random().nextInt(1 << 16);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    String every = sample.equals("off") ? "1" : sample;
    hotKeys =
        new HotKeys(
            HotKeySettings.from(
                k -> k.equals("WARMUP_HOT_KEYS_SAMPLE") ? Optional.of(every) : Optional.empty()),
            System::currentTimeMillis,
            ZoneOffset.UTC);
    Zipf zipf = new Zipf(100_000, 1.0);
    Random r = new Random(42);
    keys = new String[1 << 16];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "brand-" + zipf.sample(r);
    }
  }

  @Benchmark
  public String onGet(Cursor c) {
    String key = keys[c.i++ & (keys.length - 1)];
    if (!sample.equals("off")) {
      hotKeys.onGet("brand-stats", key, 0);
    }
    return key;
  }
}
