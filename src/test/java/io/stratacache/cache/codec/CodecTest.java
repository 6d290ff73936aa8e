package io.stratacache.cache.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both codecs round-trip values, with and without compression; the binary one filters classes. */
class CodecTest {
  public record Store(String name, int orders, BigDecimal amount, Instant day, List<String> tags)
      implements Serializable {}

  public record Report(String id, List<Store> stores, Map<String, Integer> counts)
      implements Serializable {}

  /** Serializable, but in no allowed package. */
  public record Intruder(String payload) implements Serializable {}

  static Report report(int stores) {
    List<Store> list =
        java.util.stream.IntStream.range(0, stores)
            .mapToObj(
                i ->
                    new Store(
                        "store-" + i,
                        i * 7,
                        new BigDecimal("1234.50").add(BigDecimal.valueOf(i)),
                        Instant.parse("2025-03-01T00:00:00Z").plusSeconds(i),
                        List.of("north", "online")))
            .toList();
    return new Report("exec-1", list, Map.of("brands", 3, "stores", stores));
  }

  private static <V> V roundTrip(Codec<V> codec, V value, int threshold) {
    byte[] framed = Compression.frame(codec.encode(value), threshold);
    return codec.decode(Compression.unframe(framed));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"binary", "json"})
  void roundTrip_smallValue_uncompressed(String name) {
    Codec<Report> codec =
        Codecs.named(name, Report.class, List.of(CodecTest.class.getName() + "$*"));
    Report value = report(2);
    byte[] framed = Compression.frame(codec.encode(value), 4096);
    assertFalse(Compression.isCompressed(framed));
    assertEquals(value, codec.decode(Compression.unframe(framed)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"binary", "json"})
  void roundTrip_largeValue_compressed(String name) {
    Codec<Report> codec =
        Codecs.named(name, Report.class, List.of(CodecTest.class.getName() + "$*"));
    Report value = report(300);
    byte[] raw = codec.encode(value);
    byte[] framed = Compression.frame(raw, 1024);
    assertTrue(Compression.isCompressed(framed));
    assertTrue(framed.length * 2 < raw.length, raw.length + " -> " + framed.length);
    assertEquals(value, roundTrip(codec, value, 1024));
  }

  @Test
  void json_writesReadableJson() {
    Codec<Store> codec = Codecs.json(Store.class);
    String json = new String(codec.encode(report(1).stores().get(0)), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"name\":\"store-0\""), json);
  }

  @Test
  void binary_classOutsideAllowList_rejected() {
    Codec<Object> open = Codecs.binary(Object.class, List.of(CodecTest.class.getName() + "$*"));
    byte[] bytes = open.encode(new Intruder("gadget"));
    Codec<Object> strict =
        Codecs.binary(Object.class, List.of(CodecTest.class.getName() + "$Store"));
    CodecException e = assertThrows(CodecException.class, () -> strict.decode(bytes));
    assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
  }

  @Test
  void binary_valueTypeAndJdkTypesAllowedByDefault() {
    Codec<Store> codec = Codecs.binary(Store.class, List.of());
    Store store = report(1).stores().get(0);
    assertEquals(store, codec.decode(codec.encode(store)));
  }

  @Test
  void binary_notSerializable_codecException() {
    Codec<Object> codec = Codecs.binary(Object.class, List.of());
    assertThrows(CodecException.class, () -> codec.encode(new Object()));
  }

  @Test
  void binary_badPattern_refused() {
    assertThrows(IllegalArgumentException.class, () -> Codecs.binary(Store.class, List.of("!*")));
  }

  @Test
  void decode_otherType_codecException() {
    Codec<String> strings = Codecs.binary(String.class, List.of());
    Codec<Store> stores = Codecs.binary(Store.class, List.of());
    byte[] bytes = strings.encode("not a store");
    assertThrows(CodecException.class, () -> stores.decode(bytes));
    assertThrows(
        CodecException.class,
        () -> Codecs.json(Store.class).decode("[1,2".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void frame_incompressible_keptRaw() {
    byte[] random = new byte[4096];
    new Random(1).nextBytes(random);
    byte[] framed = Compression.frame(random, 100);
    assertFalse(Compression.isCompressed(framed));
    assertArrayEquals(random, Compression.unframe(framed));
  }

  @Test
  void frame_thresholdZero_neverCompresses() {
    byte[] text = "abc".repeat(1000).getBytes(StandardCharsets.UTF_8);
    assertFalse(Compression.isCompressed(Compression.frame(text, 0)));
  }

  @Test
  void unframe_corruptOrUnknown_codecException() {
    byte[] framed = Compression.frame("abc".repeat(1000).getBytes(StandardCharsets.UTF_8), 10);
    byte[] truncated = java.util.Arrays.copyOf(framed, framed.length / 2);
    assertThrows(CodecException.class, () -> Compression.unframe(truncated));
    assertThrows(CodecException.class, () -> Compression.unframe(new byte[] {9, 1, 2}));
    assertThrows(CodecException.class, () -> Compression.unframe(new byte[0]));
  }
}
