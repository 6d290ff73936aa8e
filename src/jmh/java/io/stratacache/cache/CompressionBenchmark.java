package io.stratacache.cache;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The measurement behind the choice of compression algorithm (docs/cache-design.md): JDK Deflater
 * at levels 1 and 6 against LZ4 (aircompressor, pure Java) on realistic JSON of 1–50 KB. The
 * compression ratio of each case is printed once per trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompressionBenchmark {
  @Param({"1024", "5120", "20480", "51200"})
  int size;

  @Param({"deflate1", "deflate6", "lz4"})
  String algorithm;

  private byte[] raw;
  private byte[] compressed;
  private final Lz4Compressor lz4 = new Lz4Compressor();
  private final Lz4Decompressor unlz4 = new Lz4Decompressor();

  @Setup(Level.Trial)
  public void setUp() {
    raw = JsonPayloads.report(size, 42);
    compressed = compress();
    System.out.printf(
        "%n[ratio] %s %d bytes -> %d bytes, ratio %.2f%n",
        algorithm, raw.length, compressed.length, (double) raw.length / compressed.length);
  }

  @Benchmark
  public byte[] compress() {
    switch (algorithm) {
      case "lz4":
        {
          byte[] out = new byte[lz4.maxCompressedLength(raw.length)];
          int n = lz4.compress(raw, 0, raw.length, out, 0, out.length);
          return Arrays.copyOf(out, n);
        }
      default:
        {
          Deflater deflater = new Deflater(algorithm.equals("deflate1") ? 1 : 6, true);
          try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] out = new byte[raw.length + 64];
            int n = deflater.deflate(out);
            return Arrays.copyOf(out, n);
          } finally {
            deflater.end();
          }
        }
    }
  }

  @Benchmark
  public byte[] decompress() throws DataFormatException {
    byte[] out = new byte[raw.length];
    if (algorithm.equals("lz4")) {
      unlz4.decompress(compressed, 0, compressed.length, out, 0, out.length);
      return out;
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(compressed);
      inflater.inflate(out);
      return out;
    } finally {
      inflater.end();
    }
  }
}
