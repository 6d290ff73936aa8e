package io.stratacache.cache;

import io.stratacache.cache.codec.Codec;
import io.stratacache.cache.codec.CodecException;
import io.stratacache.cache.codec.Compression;
import java.util.concurrent.atomic.LongAdder;

/** A cache's codec plus compression framing, measuring the compression ratio. Thread-safe. */
final class PayloadEncoder<V> {
  private final Codec<V> codec;
  private final int compressionThreshold;
  private final LongAdder rawBytes = new LongAdder();
  private final LongAdder framedBytes = new LongAdder();
  final LongAdder errors = new LongAdder();

  PayloadEncoder(Codec<V> codec, int compressionThreshold) {
    this.codec = codec;
    this.compressionThreshold = compressionThreshold;
  }

  Codec<V> codec() {
    return codec;
  }

  /**
   * Encodes and frames {@code value}.
   *
   * @throws CodecException if the codec cannot encode it
   */
  byte[] encode(V value) {
    byte[] raw;
    try {
      raw = codec.encode(value);
    } catch (CodecException e) {
      errors.increment();
      throw e;
    }
    byte[] framed = Compression.frame(raw, compressionThreshold);
    rawBytes.add(raw.length);
    framedBytes.add(framed.length - 1);
    return framed;
  }

  /**
   * Decodes a framed value.
   *
   * @throws CodecException if the bytes are corrupt or rejected (counted as an error)
   */
  V decode(byte[] framed) {
    try {
      return codec.decode(Compression.unframe(framed));
    } catch (CodecException e) {
      errors.increment();
      throw e;
    }
  }

  /** Uncompressed / stored bytes over every value encoded so far; 1.0 before the first. */
  double compressionRatio() {
    long stored = framedBytes.sum();
    return stored <= 0 ? 1.0 : (double) rawBytes.sum() / stored;
  }
}
