package io.stratacache.rest;

import io.stratacache.platform.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The one way a JSON request body becomes a record. In order, each step refusing before the next:
 *
 * <ol>
 *   <li>the body is read up to a byte limit: a longer one is refused with {@link
 *       RefusedBodyException} 413 without parsing anything;
 *   <li>it is decoded as UTF-8 and scanned once with JSON-P's streaming parser, which keeps no
 *       recursion: text that is not JSON is a {@link MalformedBodyException}, arrays and objects
 *       nested deeper than {@value #MAX_DEPTH} a {@link RefusedBodyException} 400, a body that is
 *       not one JSON object an {@link InvalidInputException};
 *   <li>it is bound by {@link JsonBinding#strict()}: a member of the wrong type or one the record
 *       does not declare is an {@link InvalidInputException} naming the member;
 *   <li>the record is checked with Jakarta Bean Validation (its component annotations): every
 *       violation is named in one {@link InvalidInputException}.
 * </ol>
 *
 * Every refusal is therefore a 4xx in the {@code {"error","detail"}} shape ({@link ErrorMapper}).
 * Stateless and thread-safe.
 */
public final class JsonRequests {

  /** The body limit of a parameter without {@link BodyLimit}: 1 MiB. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  /** The deepest nesting of arrays and objects accepted, counting the body's own object as 1. */
  public static final int MAX_DEPTH = 64;

  /**
   * A refused body is read on, up to this many bytes beyond the limit (at least 16 MiB, at most 8
   * times the limit plus that), so that the connection stays usable for the client's next request
   * and an HTTP/1.1 client still sending sees the answer; a longer body is left unread.
   */
  static final long DRAIN_MIN_BYTES = 16L << 20;

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private JsonRequests() {}

  /**
   * Reads a whole body, refusing it as soon as it exceeds {@code maxBytes}.
   *
   * @throws RefusedBodyException (413) if the body is longer
   * @throws UncheckedIOException if reading fails
   */
  public static byte[] read(InputStream in, int maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (out.size() + n > maxBytes) {
          drain(in, buffer, Math.max(DRAIN_MIN_BYTES, 8L * maxBytes));
          throw RefusedBodyException.tooLarge(maxBytes);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body failed", e);
    }
    return out.toByteArray();
  }

  private static void drain(InputStream in, byte[] buffer, long max) throws IOException {
    long skipped = 0;
    int n;
    while (skipped < max && (n = in.read(buffer)) > 0) {
      skipped += n;
    }
  }

  /**
   * Reads, checks, binds and validates a body (all four steps).
   *
   * @throws RefusedBodyException if it is too large or nested too deeply
   * @throws MalformedBodyException if it is empty, not UTF-8 or not JSON
   * @throws InvalidInputException if it is not an object, a member is unknown or of the wrong type,
   *     or the record breaks a constraint
   */
  public static <T extends Record> T bind(InputStream in, int maxBytes, Class<T> type) {
    return bind(read(in, maxBytes), type);
  }

  /** Steps 2 to 4 on a body already read; as {@link #bind(InputStream, int, Class)}. */
  public static <T extends Record> T bind(byte[] body, Class<T> type) {
    return bind(utf8(body), type);
  }

  /** Steps 2 to 4 on a body already decoded; as {@link #bind(InputStream, int, Class)}. */
  public static <T extends Record> T bind(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw new MalformedBodyException("the request body is empty; send a JSON object");
    }
    scan(body, MAX_DEPTH, true);
    T value;
    try {
      value = JsonBinding.strict().fromJson(body, type);
    } catch (JsonbException e) {
      throw new InvalidInputException(JsonBinding.describe(e, type));
    }
    return validate(value);
  }

  /**
   * Checks that {@code json} is one JSON value (an object if {@code object}) nested at most {@code
   * maxDepth} deep, in one streaming pass without recursion.
   *
   * @throws MalformedBodyException if it is not JSON
   * @throws RefusedBodyException if it nests too deeply
   * @throws InvalidInputException if {@code object} and it is not a JSON object
   */
  public static void scan(String json, int maxDepth, boolean object) {
    int depth = 0;
    boolean first = true;
    try (JsonParser parser = PARSERS.createParser(new StringReader(json))) {
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (first && object && event != JsonParser.Event.START_OBJECT) {
          throw new InvalidInputException("the request body must be a JSON object");
        }
        first = false;
        switch (event) {
          case START_ARRAY, START_OBJECT -> {
            if (++depth > maxDepth) {
              throw RefusedBodyException.tooDeep(maxDepth);
            }
          }
          case END_ARRAY, END_OBJECT -> depth--;
          default -> {}
        }
      }
    } catch (JsonParsingException e) {
      var at = e.getLocation();
      throw new MalformedBodyException(
          "the request body is not valid JSON"
              + (at == null
                  ? ""
                  : " (at line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")"));
    } catch (jakarta.json.JsonException e) {
      if (e instanceof MalformedBodyException m) {
        throw m;
      }
      throw new MalformedBodyException("the request body is not valid JSON");
    }
  }

  /**
   * Checks {@code value} against its Bean Validation constraints.
   *
   * @throws InvalidInputException naming every violated member, sorted, e.g. {@code "keys must list
   *     1..100000 keys; priority must be between -1000 and 1000"}
   */
  public static <T> T validate(T value) {
    if (value == null) {
      throw new InvalidInputException("the request body must be a JSON object");
    }
    Set<ConstraintViolation<T>> violations = Validators.VALIDATOR.validate(value);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(describe(violations));
    }
    return value;
  }

  /** {@code "member message; member message"}, sorted by member. */
  static String describe(Set<? extends ConstraintViolation<?>> violations) {
    return violations.stream()
        .map(v -> (v.getPropertyPath() + " " + v.getMessage()).trim())
        .sorted(Comparator.naturalOrder())
        .collect(Collectors.joining("; "));
  }

  /**
   * The body parameter of a resource whose body is required: {@code body} itself.
   *
   * @throws InvalidInputException if it is null (the request had no body)
   */
  public static <T> T required(T body) {
    if (body == null) {
      throw new InvalidInputException("the request body is required: a JSON object");
    }
    return body;
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedBodyException("the request body is not UTF-8");
    }
  }

  /** The container's validator ({@code java:comp/ValidatorFactory}), else the default one. */
  private static final class Validators {
    static final Validator VALIDATOR = factory().getValidator();

    private static ValidatorFactory factory() {
      try {
        return (ValidatorFactory) new InitialContext().lookup("java:comp/ValidatorFactory");
      } catch (NamingException | RuntimeException | LinkageError e) {
        return Validation.buildDefaultValidatorFactory();
      }
    }
  }
}
