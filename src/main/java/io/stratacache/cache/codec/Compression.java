package io.stratacache.cache.codec;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Frames encoded values for the grid and store tiers, compressing them with LZ4 when they reach a
 * size threshold. LZ4 was chosen over the JDK's Deflater by measurement (docs/cache-design.md): on
 * 1–50 KB JSON it decompresses 3–9× and compresses 3–6× faster than Deflater level 1, for a ratio
 * about a quarter lower, and decompression sits on every grid or store hit.
 *
 * <p>Frame: one format byte, {@code 0} (raw: the value follows) or {@code 1} (LZ4: a 4-byte
 * big-endian uncompressed length, then one raw LZ4 block). A value that does not shrink is stored
 * raw. Stateless and thread-safe.
 */
public final class Compression {
  static final byte RAW = 0;
  static final byte LZ4 = 1;
  private static final int HEADER = 1 + 4;
  private static final Lz4Decompressor DECOMPRESSOR = new Lz4Decompressor();

  private Compression() {}

  /**
   * Frames {@code raw}, compressing it if it has at least {@code threshold} bytes ({@code threshold
   * <= 0}: never) and compression saves space.
   */
  public static byte[] frame(byte[] raw, int threshold) {
    if (threshold > 0 && raw.length >= threshold) {
      Lz4Compressor compressor = new Lz4Compressor();
      byte[] out = new byte[HEADER + compressor.maxCompressedLength(raw.length)];
      int length = compressor.compress(raw, 0, raw.length, out, HEADER, out.length - HEADER);
      if (HEADER + length < raw.length + 1) {
        out[0] = LZ4;
        ByteBuffer.wrap(out, 1, 4).putInt(raw.length);
        return Arrays.copyOf(out, HEADER + length);
      }
    }
    byte[] out = new byte[raw.length + 1];
    out[0] = RAW;
    System.arraycopy(raw, 0, out, 1, raw.length);
    return out;
  }

  /**
   * Returns the value framed by {@link #frame}.
   *
   * @throws CodecException if the frame is empty, of an unknown format, or corrupt
   */
  public static byte[] unframe(byte[] framed) {
    if (framed.length == 0) {
      throw new CodecException("empty frame", null);
    }
    switch (framed[0]) {
      case RAW:
        return Arrays.copyOfRange(framed, 1, framed.length);
      case LZ4:
        try {
          int length = ByteBuffer.wrap(framed, 1, 4).getInt();
          byte[] out = new byte[length];
          int written =
              DECOMPRESSOR.decompress(framed, HEADER, framed.length - HEADER, out, 0, length);
          if (written != length) {
            throw new CodecException(
                "LZ4 frame decoded to " + written + " of " + length + " bytes", null);
          }
          return out;
        } catch (RuntimeException e) {
          if (e instanceof CodecException codec) {
            throw codec;
          }
          throw new CodecException("corrupt LZ4 frame", e);
        }
      default:
        throw new CodecException("unknown frame format " + framed[0], null);
    }
  }

  /** True if {@code framed} holds a compressed value. */
  public static boolean isCompressed(byte[] framed) {
    return framed.length > 0 && framed[0] == LZ4;
  }
}
