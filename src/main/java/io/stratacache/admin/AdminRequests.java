package io.stratacache.admin;

import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.JsonRequests;
import io.stratacache.rest.MalformedBodyException;
import io.stratacache.rest.RefusedBodyException;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.util.Map;

/**
 * Reads request bodies into request records through {@link JsonRequests}: bounded in size before
 * anything is parsed, nesting bounded, then bound strictly (member types, no unknown members);
 * absent members become null. What the values mean is checked by {@link CacheAdministration}, which
 * needs no container. Stateless and thread-safe.
 */
public final class AdminRequests {

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private AdminRequests() {}

  /**
   * Reads {@code {"cache": "...", "key": "..."}} of at most {@code maxBytes}.
   *
   * @throws RefusedBodyException if the body is longer than {@code maxBytes} (413) or nested too
   *     deeply
   * @throws MalformedBodyException if it is empty, not UTF-8 or not JSON
   * @throws InvalidInputException if it is not an object or a member is unknown or of the wrong
   *     type
   */
  public static GetRequest getRequest(InputStream body, int maxBytes) {
    return JsonRequests.bind(body, maxBytes, GetRequest.class);
  }

  /** Reads {@code {"cache","key","value","ttlSeconds","tags"}}; as {@link #getRequest}. */
  public static SetRequest setRequest(InputStream body, int maxBytes) {
    return JsonRequests.bind(body, maxBytes, SetRequest.class);
  }

  /** {@link #getRequest(InputStream, int)} of a body already read. */
  public static GetRequest getRequest(String body) {
    return JsonRequests.bind(body, GetRequest.class);
  }

  /**
   * {@link #setRequest(InputStream, int)} of a body already read: a JSON {@code null} value stays
   * {@link JsonValue#NULL}, an absent one is null, absent tags are empty.
   */
  public static SetRequest setRequest(String body) {
    return JsonRequests.bind(body, SetRequest.class);
  }

  /** Parses JSON text this application wrote (a stored document, a JSON-B rendering). */
  static JsonValue parse(String json) {
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }
}
