package io.stratacache.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.RefusedBodyException;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Body reading, JSON shape checks and the limits' configuration. */
class AdminRequestsTest {

  static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void getRequest_overLimit_413() {
    String body = "{\"cache\":\"c\",\"key\":\"k\"}";
    assertEquals(new GetRequest("c", "k"), AdminRequests.getRequest(bytes(body), body.length()));
    RefusedBodyException e =
        assertThrows(
            RefusedBodyException.class,
            () -> AdminRequests.getRequest(bytes(body + " "), body.length()));
    assertEquals(413, e.status());
    assertEquals("payload_too_large", e.code());
  }

  @Test
  void getRequest_notUtf8_malformed() {
    assertThrows(
        JsonException.class,
        () ->
            AdminRequests.getRequest(
                new ByteArrayInputStream(new byte[] {'"', (byte) 0xC3, '"'}), 10));
  }

  @Test
  void unknownMember_400_namingIt() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> AdminRequests.setRequest("{\"cache\":\"c\",\"key\":\"k\",\"ttl\":5}"));
    assertTrue(e.getMessage().startsWith("ttl is not a member"), e.getMessage());
  }

  @Test
  void malformedJson_jsonException() {
    for (String body : new String[] {"", "  ", "{", "{\"cache\":}", "nope"}) {
      assertThrows(JsonException.class, () -> AdminRequests.setRequest(body), body);
      assertThrows(JsonException.class, () -> AdminRequests.getRequest(body), body);
    }
  }

  @Test
  void notAnObject_orWrongTypes_400() {
    for (String body :
        new String[] {
          "[1]",
          "\"x\"",
          "{\"cache\":1,\"key\":\"k\"}",
          "{\"cache\":\"c\",\"key\":[\"k\"]}",
          "{\"cache\":\"c\",\"key\":\"k\",\"value\":1,\"ttlSeconds\":1.5}",
          "{\"cache\":\"c\",\"key\":\"k\",\"value\":1,\"ttlSeconds\":\"10\"}",
          "{\"cache\":\"c\",\"key\":\"k\",\"value\":1,\"ttlSeconds\":1e30}",
          "{\"cache\":\"c\",\"key\":\"k\",\"value\":1,\"tags\":\"a\"}",
          "{\"cache\":\"c\",\"key\":\"k\",\"value\":1,\"tags\":[1]}"
        }) {
      assertThrows(InvalidInputException.class, () -> AdminRequests.setRequest(body), body);
    }
  }

  @Test
  void setRequest_members() {
    SetRequest r =
        AdminRequests.setRequest(
            "{\"cache\":\"c\",\"key\":\"k\",\"value\":{\"x\":[1]},\"ttlSeconds\":30,\"tags\":[\"a\",\"b\"]}");
    assertEquals(
        new SetRequest("c", "k", AdminRequests.parse("{\"x\":[1]}"), 30L, List.of("a", "b")), r);
    SetRequest bare = AdminRequests.setRequest("{\"cache\":\"c\",\"key\":\"k\",\"value\":null}");
    assertEquals(JsonValue.NULL, bare.value());
    assertNull(bare.ttlSeconds());
    assertEquals(List.of(), bare.tags());
    assertNull(AdminRequests.setRequest("{\"cache\":\"c\"}").value());
  }

  @Test
  void limits_defaultsAndConfig() {
    assertEquals(AdminLimits.DEFAULTS, AdminLimits.fromConfig(k -> Optional.empty()));
    assertEquals(512, AdminLimits.DEFAULTS.maxKeyLength());
    assertEquals(1 << 20, AdminLimits.DEFAULTS.maxValueBytes());
    Map<String, String> config =
        Map.of(
            AdminLimits.MAX_KEY_LENGTH, "100",
            AdminLimits.MAX_VALUE_BYTES, "2048");
    assertEquals(
        new AdminLimits(100, 2048),
        AdminLimits.fromConfig(k -> Optional.ofNullable(config.get(k))));
  }

  @Test
  void limits_outOfRange_failFastNamingTheKey() {
    for (Map.Entry<String, String> bad :
        List.of(
            Map.entry(AdminLimits.MAX_KEY_LENGTH, "513"),
            Map.entry(AdminLimits.MAX_KEY_LENGTH, "0"),
            Map.entry(AdminLimits.MAX_VALUE_BYTES, "lots"),
            Map.entry(AdminLimits.MAX_VALUE_BYTES, String.valueOf((64 << 20) + 1)))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  AdminLimits.fromConfig(
                      k ->
                          k.equals(bad.getKey()) ? Optional.of(bad.getValue()) : Optional.empty()));
      assertEquals(true, e.getMessage().contains(bad.getKey()), e.getMessage());
    }
  }
}
