package io.stratacache.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.platform.InvalidInputException;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The request-binding layer: size, depth, syntax, types, unknown members, validation messages. */
class JsonRequestsTest {

  public record Inner(@NotBlank(message = "is required") String name, Integer count) {}

  public record Body(
      @NotBlank(message = "is required") String cache,
      Long ttl,
      @Min(value = -5, message = "must be between -5 and 5")
          @Max(value = 5, message = "must be between -5 and 5")
          Integer level,
      Double ratio,
      Boolean flag,
      @Size(max = 3, message = "must have at most 3 entries") List<String> tags,
      JsonValue value,
      @Valid Inner inner) {}

  public record Required(@NotNull(message = "is required") Long id) {}

  static Body bind(String json) {
    return JsonRequests.bind(json, Body.class);
  }

  static String refusal(String json) {
    return assertThrows(InvalidInputException.class, () -> bind(json), json).getMessage();
  }

  static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bind_everyMember_bound() {
    Body b =
        bind(
            "{\"cache\":\"c\",\"ttl\":30,\"level\":-5,\"ratio\":0.5,\"flag\":true,"
                + "\"tags\":[\"a\",\"b\"],\"value\":{\"x\":[1]},\"inner\":{\"name\":\"n\",\"count\":2}}");
    assertEquals("c", b.cache());
    assertEquals(30L, b.ttl());
    assertEquals(-5, b.level());
    assertEquals(0.5, b.ratio());
    assertEquals(true, b.flag());
    assertEquals(List.of("a", "b"), b.tags());
    assertEquals("{\"x\":[1]}", b.value().toString());
    assertEquals(new Inner("n", 2), b.inner());
    assertEquals(2.0, bind("{\"cache\":\"c\",\"ratio\":2}").ratio());
    assertEquals(7L, bind("{\"cache\":\"c\",\"ttl\":7.0}").ttl(), "7.0 is a whole number");
  }

  @Test
  void bind_absentOrNull_nullButJsonNullKept() {
    Body b = bind("{\"cache\":\"c\",\"ttl\":null,\"value\":null}");
    assertNull(b.ttl());
    assertSame(JsonValue.NULL, b.value(), "sent null is not absent");
    assertNull(bind("{\"cache\":\"c\"}").value());
  }

  @Test
  void bind_wrongTypes_400NamingTheMember() {
    assertEquals("cache must be a string, was the number 1", refusal("{\"cache\":1}"));
    assertEquals("cache must be a string, was an array", refusal("{\"cache\":[\"c\"]}"));
    assertTrue(
        refusal("{\"cache\":\"c\",\"ttl\":\"10\"}").startsWith("ttl must be a whole number"));
    assertTrue(refusal("{\"cache\":\"c\",\"ttl\":1.5}").endsWith("was 1.5"));
    assertTrue(refusal("{\"cache\":\"c\",\"ttl\":1e30}").endsWith("was 1E+30"));
    assertTrue(refusal("{\"cache\":\"c\",\"level\":99999999999}").startsWith("level must be"));
    assertEquals(
        "ratio must be a number, was a string", refusal("{\"cache\":\"c\",\"ratio\":\"x\"}"));
    assertEquals(
        "flag must be true or false, was a string", refusal("{\"cache\":\"c\",\"flag\":\"yes\"}"));
    assertEquals(
        "tags must be a string, was the number 1", refusal("{\"cache\":\"c\",\"tags\":[1]}"));
    assertTrue(refusal("{\"cache\":\"c\",\"tags\":\"a\"}").startsWith("tags "));
    assertEquals(
        "inner.count must be a whole number between -2147483648 and 2147483647, was a string",
        refusal("{\"cache\":\"c\",\"inner\":{\"name\":\"n\",\"count\":\"2\"}}"));
  }

  @Test
  void bind_unknownMember_400ListingTheMembers() {
    assertEquals(
        "ttlSeconds is not a member; the members are cache, ttl, level, ratio, flag, tags, value,"
            + " inner",
        refusal("{\"cache\":\"c\",\"ttlSeconds\":5}"));
    assertEquals(
        "inner.nam is not a member", refusal("{\"cache\":\"c\",\"inner\":{\"nam\":\"n\"}}"));
  }

  @Test
  void bind_constraintViolations_400NamingEveryMember() {
    assertEquals("cache is required", refusal("{}"));
    assertEquals(
        "cache is required; level must be between -5 and 5",
        refusal("{\"cache\":\" \",\"level\":6}"));
    assertEquals(
        "tags must have at most 3 entries",
        refusal("{\"cache\":\"c\",\"tags\":[\"1\",\"2\",\"3\",\"4\"]}"));
    assertEquals("inner.name is required", refusal("{\"cache\":\"c\",\"inner\":{\"count\":1}}"));
    assertEquals(
        "id is required",
        assertThrows(InvalidInputException.class, () -> JsonRequests.bind("{}", Required.class))
            .getMessage());
  }

  @Test
  void bind_notAnObject_400() {
    for (String body : new String[] {"[1]", "\"x\"", "1", "null", "true"}) {
      assertEquals("the request body must be a JSON object", refusal(body), body);
    }
  }

  @Test
  void bind_malformed_malformedJson() {
    for (String body : new String[] {"", "  ", "{", "{\"cache\": }", "not json", "{\"a\":1}}"}) {
      assertThrows(MalformedBodyException.class, () -> bind(body), body);
    }
    assertThrows(
        MalformedBodyException.class,
        () -> JsonRequests.bind(new byte[] {'{', '"', (byte) 0xC3, '"', '}'}, Body.class),
        "not UTF-8");
  }

  @Test
  void bind_deepNesting_400BeforeBinding() {
    for (String open : new String[] {"[", "{\"a\":"}) {
      String deep = "{\"value\":" + open.repeat(10_000);
      RefusedBodyException e = assertThrows(RefusedBodyException.class, () -> bind(deep));
      assertEquals(400, e.status());
      assertEquals("too_deeply_nested", e.code());
    }
    String limit = "[".repeat(JsonRequests.MAX_DEPTH - 1) + "]".repeat(JsonRequests.MAX_DEPTH - 1);
    assertEquals(limit, bind("{\"cache\":\"c\",\"value\":" + limit + "}").value().toString());
    String over = "[" + limit + "]";
    assertThrows(
        RefusedBodyException.class, () -> bind("{\"cache\":\"c\",\"value\":" + over + "}"));
  }

  @Test
  void read_overLimit_413WithoutParsing() {
    assertEquals(5, JsonRequests.read(stream("12345"), 5).length);
    RefusedBodyException e =
        assertThrows(RefusedBodyException.class, () -> JsonRequests.read(stream("123456"), 5));
    assertEquals(413, e.status());
    assertEquals("payload_too_large", e.code());
    byte[] tenMegabytes = new byte[10 << 20];
    java.util.Arrays.fill(tenMegabytes, (byte) '[');
    assertThrows(
        RefusedBodyException.class,
        () ->
            JsonRequests.bind(
                new ByteArrayInputStream(tenMegabytes),
                JsonRequests.DEFAULT_MAX_BYTES,
                Body.class));
  }

  @Test
  void reader_limitFromTheParameter_blankBodyNull() throws Exception {
    JsonRecordReader reader = new JsonRecordReader();
    assertTrue(reader.isReadable(Body.class, Body.class, null, null));
    assertEquals(false, reader.isReadable(String.class, String.class, null, null));
    BodyLimit limit =
        JsonRequestsTest.class
            .getDeclaredMethod("limited", Body.class)
            .getParameters()[0]
            .getAnnotation(BodyLimit.class);
    assertEquals(10, JsonRecordReader.limit(new java.lang.annotation.Annotation[] {limit}));
    assertEquals(JsonRequests.DEFAULT_MAX_BYTES, JsonRecordReader.limit(null));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Record> type = (Class) Body.class;
    assertNull(reader.readFrom(type, type, null, null, null, stream(" \n")));
    assertThrows(
        RefusedBodyException.class,
        () ->
            reader.readFrom(
                type,
                type,
                new java.lang.annotation.Annotation[] {limit},
                null,
                null,
                stream("{\"cache\":\"abcdefgh\"}")));
  }

  @SuppressWarnings("unused")
  private static void limited(@BodyLimit(10) Body body) {}

  /**
   * 500 random mutations of valid bodies (fixed seed): each binds or is refused with one of the
   * layer's 4xx exceptions, never anything else.
   */
  @Test
  void bind_fuzzedBodies_onlyRefusals() {
    String[] seeds = {
      "{\"cache\":\"c\",\"ttl\":30,\"level\":1,\"ratio\":0.5,\"flag\":true,\"tags\":[\"a\"],"
          + "\"value\":{\"x\":[1,{\"y\":null}]},\"inner\":{\"name\":\"n\",\"count\":2}}",
      "{\"cache\":\"brand-stats\",\"value\":[[[]]]}"
    };
    String alphabet = "{}[]\":,0123456789.eE-+ \\nultrfasx\u00e9";
    Random random = new Random(20261201L);
    int bound = 0;
    for (int i = 0; i < 500; i++) {
      StringBuilder b = new StringBuilder(seeds[i % seeds.length]);
      int edits = 1 + random.nextInt(6);
      for (int k = 0; k < edits; k++) {
        int at = random.nextInt(b.length() + 1);
        switch (random.nextInt(4)) {
          case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> {
            if (at < b.length()) {
              b.deleteCharAt(at);
            }
          }
          case 2 -> b.insert(at, "[".repeat(1 + random.nextInt(2_000)));
          default -> {
            if (at < b.length()) {
              b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
          }
        }
      }
      String body = b.toString();
      try {
        bind(body);
        bound++;
      } catch (InvalidInputException | MalformedBodyException | RefusedBodyException refused) {
        assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank(), body);
      } catch (RuntimeException other) {
        throw new AssertionError("fuzzed body gave " + other + ": " + body, other);
      }
    }
    assertTrue(bound < 500, "some mutations must be refused");
  }
}
