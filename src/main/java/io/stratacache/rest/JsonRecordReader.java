package io.stratacache.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads every request body bound to a record of the application ({@code io.stratacache.*}),
 * whatever its content type, through {@link JsonRequests}: a size limit ({@link BodyLimit} on the
 * parameter, else {@value JsonRequests#DEFAULT_MAX_BYTES} bytes), a depth limit and a syntax check
 * before JSON-B binds it, then Bean Validation. An empty or blank body reads as {@code null}, as
 * JAX-RS passes for a request without an entity, so the resource decides whether a body is required
 * ({@link JsonRequests#required}). Other parameter types keep JAX-RS's own readers.
 *
 * <p>Why a {@code MessageBodyReader} rather than a servlet filter or a {@code ReaderInterceptor}:
 * it is the one place that sees both the raw stream and the target type and parameter annotations,
 * so the per-endpoint limit, the pre-scan and the binding happen in one step with one vocabulary of
 * refusals, and it runs after the admin-token filter, so an unauthenticated body is never read.
 * Validation runs here too (rather than through {@code @Valid} on the parameter) so that bodies
 * read from a stream with a limit known only at run time ({@code CacheAdminResource}) and the unit
 * tests go through exactly the same checks.
 */
@Provider
@Consumes(MediaType.WILDCARD)
@Priority(Priorities.USER)
public class JsonRecordReader implements MessageBodyReader<Record> {

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type.isRecord() && type.getName().startsWith("io.stratacache.");
  }

  @Override
  public Record readFrom(
      Class<Record> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream) {
    byte[] body = JsonRequests.read(entityStream, limit(annotations));
    if (isBlank(body)) {
      return null;
    }
    return JsonRequests.bind(body, type);
  }

  static int limit(Annotation[] annotations) {
    if (annotations != null) {
      for (Annotation a : annotations) {
        if (a instanceof BodyLimit l && l.value() > 0) {
          return l.value();
        }
      }
    }
    return JsonRequests.DEFAULT_MAX_BYTES;
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
