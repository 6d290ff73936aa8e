package io.stratacache.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link ImmutableJson} records, and the JDK's immutable lists of them, as JSON, remembering
 * the bytes per instance (by identity, weakly held): a value served from the near cache tier is the
 * same instance on every hit, so it is serialized once instead of on every request. Output is byte
 * for byte what {@link JsonbConfiguration}'s JSON-B would write. Bounded to {@value #MAX_BYTES}
 * bytes of memoized JSON. Thread-safe.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class MemoizedJsonWriter implements MessageBodyWriter<Object> {

  static final long MAX_BYTES = 64L << 20;

  private static final Class<?> LIST12 = List.of(1).getClass();
  private static final Class<?> LISTN = List.of(1, 2, 3).getClass();

  private final Cache<Object, byte[]> memo =
      Caffeine.newBuilder()
          .weakKeys()
          .maximumWeight(MAX_BYTES)
          .weigher((Object k, byte[] v) -> v.length)
          .build();

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    if (type.isAnnotationPresent(ImmutableJson.class)) {
      return true;
    }
    if ((type == LIST12 || type == LISTN) && genericType instanceof ParameterizedType p) {
      Type element = p.getActualTypeArguments()[0];
      return element instanceof Class<?> c && c.isAnnotationPresent(ImmutableJson.class);
    }
    return false;
  }

  @Override
  public void writeTo(
      Object value,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws IOException {
    out.write(json(value));
  }

  /** The JSON of {@code value}, serialized at most once per instance while it is remembered. */
  byte[] json(Object value) {
    return memo.get(
        value, v -> JsonbConfiguration.JSONB.toJson(v).getBytes(StandardCharsets.UTF_8));
  }
}
