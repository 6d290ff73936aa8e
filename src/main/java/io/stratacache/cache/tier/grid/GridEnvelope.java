package io.stratacache.cache.tier.grid;

import io.stratacache.cache.tier.TierEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The grid's value format: a plain {@code byte[]} (only JDK types reach the members, so no
 * application class has to be on the grid's class path), laid out as
 *
 * <pre>
 * byte    format (1)
 * byte    flags (bit 0: cached "not found", bit 1: tombstone of an invalidation)
 * long    expiresAt, long retainUntil, long version (epoch millis / writer version)
 * short   tag count, then per tag: short length + UTF-8 bytes
 * byte[]  payload (the encoded value; empty for "not found" and tombstones)
 * </pre>
 */
final class GridEnvelope {
  static final byte FORMAT = 1;
  private static final int NEGATIVE = 1;
  private static final int TOMBSTONE = 2;

  private GridEnvelope() {}

  static byte[] wrap(TierEntry<byte[]> entry) {
    byte[][] tags = new byte[entry.tags().size()][];
    int size = 2 + 24 + 2;
    int i = 0;
    for (String tag : entry.tags()) {
      tags[i] = tag.getBytes(StandardCharsets.UTF_8);
      size += 2 + tags[i].length;
      i++;
    }
    byte[] payload = entry.payload() == null ? new byte[0] : entry.payload();
    int flags = entry.isNegative() ? NEGATIVE : entry.isTombstone() ? TOMBSTONE : 0;
    ByteBuffer out = ByteBuffer.allocate(size + payload.length);
    out.put(FORMAT).put((byte) flags);
    out.putLong(entry.expiresAt()).putLong(entry.retainUntil()).putLong(entry.version());
    out.putShort((short) tags.length);
    for (byte[] tag : tags) {
      out.putShort((short) tag.length).put(tag);
    }
    out.put(payload);
    return out.array();
  }

  static TierEntry<byte[]> unwrap(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte format = in.get();
    if (format != FORMAT) {
      throw new IllegalStateException("unknown grid entry format " + format);
    }
    byte flags = in.get();
    boolean negative = (flags & (NEGATIVE | TOMBSTONE)) != 0;
    long expiresAt = in.getLong();
    long retainUntil = in.getLong();
    long version = in.getLong();
    int tagCount = in.getShort();
    Set<String> tags = tagCount == 0 ? Set.of() : new HashSet<>(tagCount * 2);
    for (int t = 0; t < tagCount; t++) {
      byte[] tag = new byte[in.getShort()];
      in.get(tag);
      tags.add(new String(tag, StandardCharsets.UTF_8));
    }
    byte[] payload = null;
    if (!negative) {
      payload = new byte[in.remaining()];
      in.get(payload);
    }
    return new TierEntry<>(
        payload, expiresAt, retainUntil, version, tags, negative ? 0 : payload.length);
  }

  /** Reads only the writer's version (of a value or a tombstone), for conditional writes. */
  static long version(byte[] bytes) {
    return ByteBuffer.wrap(bytes).getLong(2 + 16);
  }

  /** Reads only the retention time, to drop dead entries without decoding the rest. */
  static long retainUntil(byte[] bytes) {
    return ByteBuffer.wrap(bytes).getLong(2 + 8);
  }
}
