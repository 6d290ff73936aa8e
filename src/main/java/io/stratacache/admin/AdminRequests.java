package io.stratacache.admin;

import io.stratacache.admin.RefusedRequestException.Reason;
import io.stratacache.platform.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads request bodies into request records: bounded in size before anything is parsed, then
 * checked for JSON shape only (member types); what the values mean is checked by {@link
 * CacheAdministration}. Stateless and thread-safe.
 */
public final class AdminRequests {

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  /**
   * A refused body is read to its end, up to this many times the limit, so that the connection
   * stays usable for the client's next request (an HTTP/1.1 client that is still sending may not
   * see an early answer); a longer body is left unread.
   */
  static final int DRAIN_FACTOR = 8;

  private AdminRequests() {}

  /**
   * Reads a whole UTF-8 body, refusing it as soon as it exceeds {@code maxBytes}.
   *
   * @throws RefusedRequestException ({@link Reason#TOO_LARGE}) if the body is longer
   * @throws JsonException if the body is not valid UTF-8
   * @throws UncheckedIOException if reading fails
   */
  public static String readBody(InputStream in, int maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (out.size() + n > maxBytes) {
          drain(in, buffer, (long) DRAIN_FACTOR * maxBytes);
          throw new RefusedRequestException(
              Reason.TOO_LARGE, "the request body is larger than " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body failed", e);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new JsonException("the request body is not UTF-8");
    }
  }

  private static void drain(InputStream in, byte[] buffer, long max) throws IOException {
    long skipped = 0;
    int n;
    while (skipped < max && (n = in.read(buffer)) > 0) {
      skipped += n;
    }
  }

  /**
   * Parses {@code {"cache": "...", "key": "..."}}; absent members become null.
   *
   * @throws JsonException if the body is not JSON
   * @throws InvalidInputException if it is not an object or a member has the wrong type
   */
  public static GetRequest getRequest(String body) {
    JsonObject o = object(body);
    return new GetRequest(string(o, "cache"), string(o, "key"));
  }

  /**
   * Parses {@code {"cache", "key", "value", "ttlSeconds", "tags"}}; absent members become null
   * (absent tags: empty), a JSON {@code null} value stays {@link JsonValue#NULL}.
   *
   * @throws JsonException if the body is not JSON
   * @throws InvalidInputException if it is not an object or a member has the wrong type
   */
  public static SetRequest setRequest(String body) {
    JsonObject o = object(body);
    return new SetRequest(
        string(o, "cache"), string(o, "key"), o.get("value"), seconds(o, "ttlSeconds"), tags(o));
  }

  static JsonValue parse(String json) {
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  private static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      throw new JsonException("the request body is empty");
    }
    JsonValue value = parse(body);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidInputException("the request body must be a JSON object");
    }
    return value.asJsonObject();
  }

  private static String string(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.getString();
    }
    throw new InvalidInputException(name + " must be a string");
  }

  private static Long seconds(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v instanceof JsonNumber n && n.isIntegral()) {
      try {
        return n.longValueExact();
      } catch (ArithmeticException e) {
        throw new InvalidInputException(name + " is out of range");
      }
    }
    throw new InvalidInputException(name + " must be a whole number of seconds");
  }

  private static List<String> tags(JsonObject o) {
    JsonValue v = o.get("tags");
    if (v == null || v == JsonValue.NULL) {
      return List.of();
    }
    if (v.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new InvalidInputException("tags must be an array of strings");
    }
    List<String> tags = new ArrayList<>();
    for (JsonValue t : v.asJsonArray()) {
      if (!(t instanceof JsonString s)) {
        throw new InvalidInputException("tags must be an array of strings");
      }
      tags.add(s.getString());
    }
    return tags;
  }
}
