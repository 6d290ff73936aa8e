package io.stratacache.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Level 1 of the store hierarchy: the live orders of one store in one calendar month, packed in
 * columns (ids, seconds into the month, cents, items, channels; fixed width, {@value
 * #RAW_BYTES_PER_ORDER} bytes an order) and gzip-compressed. {@link #rawBytes()} is the packed size
 * before compression, {@link #packed()}'s length after it: their ratio is the compression the
 * statistics report. Immutable (the array is never handed out); orders are kept oldest first.
 *
 * @param storeId the store
 * @param month the month, {@code yyyy-MM}
 * @param count how many orders
 * @param rawBytes the columnar size before compression
 */
public record OrderBlock(long storeId, String month, int count, int rawBytes, byte[] packed)
    implements Serializable {

  /** Bytes of one order in the uncompressed columns. */
  public static final int RAW_BYTES_PER_ORDER = 8 + 4 + 8 + 4 + 1;

  private static final SalesChannel[] CHANNELS = SalesChannel.values();

  /** Packs {@code lines}, all of {@code month}, sorted by time then id. */
  public static OrderBlock pack(long storeId, YearMonth month, List<OrderLine> lines) {
    List<OrderLine> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparing(OrderLine::orderedAt).thenComparingLong(OrderLine::id));
    long start = month.atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + sorted.size() * 8);
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.writeInt(sorted.size());
      for (OrderLine l : sorted) {
        out.writeLong(l.id());
      }
      for (OrderLine l : sorted) {
        out.writeInt((int) (l.orderedAt().toEpochSecond(ZoneOffset.UTC) - start));
      }
      for (OrderLine l : sorted) {
        out.writeLong(l.amountCents());
      }
      for (OrderLine l : sorted) {
        out.writeInt(l.items());
      }
      for (OrderLine l : sorted) {
        out.writeByte(l.channel().ordinal());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new OrderBlock(
        storeId,
        month.toString(),
        sorted.size(),
        4 + sorted.size() * RAW_BYTES_PER_ORDER,
        bytes.toByteArray());
  }

  /** The orders, oldest first. */
  public List<OrderLine> lines() {
    long start = YearMonth.parse(month).atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(packed), 8192))) {
      int n = in.readInt();
      long[] ids = new long[n];
      int[] seconds = new int[n];
      long[] cents = new long[n];
      int[] items = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = in.readLong();
      }
      for (int i = 0; i < n; i++) {
        seconds[i] = in.readInt();
      }
      for (int i = 0; i < n; i++) {
        cents[i] = in.readLong();
      }
      for (int i = 0; i < n; i++) {
        items[i] = in.readInt();
      }
      List<OrderLine> lines = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        lines.add(
            new OrderLine(
                ids[i],
                LocalDateTime.ofEpochSecond(start + seconds[i], 0, ZoneOffset.UTC),
                cents[i],
                items[i],
                CHANNELS[in.readByte()]));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compressed size, bytes. */
  public int storedBytes() {
    return packed.length;
  }

  @Override
  public byte[] packed() {
    return packed.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrderBlock b
        && b.storeId == storeId
        && b.month.equals(month)
        && b.count == count
        && java.util.Arrays.equals(b.packed, packed);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(storeId) * 31 + month.hashCode();
  }

  @Override
  public String toString() {
    return "OrderBlock["
        + storeId
        + ":"
        + month
        + ", "
        + count
        + " orders, "
        + packed.length
        + "B]";
  }
}
