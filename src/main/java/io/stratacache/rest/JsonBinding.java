package io.stratacache.rest;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one JSON-B configuration that reads JSON into records: strict where Yasson's defaults are
 * lenient. A member the record does not declare is refused; a string is only a JSON string; an
 * integer only a whole JSON number within the type's range (Yasson would read {@code "10"} as 10,
 * {@code 1.5} as 1 and wrap {@code 1e30} around); a floating-point number only a JSON number; a
 * boolean only {@code true} or {@code false}. JSON {@code null} reads as Java {@code null}, except
 * into a {@link JsonValue}, which keeps {@link JsonValue#NULL} so that "sent null" and "absent"
 * stay apart. Binding failures are {@link JsonbException}s; {@link #describe} turns one into a
 * sentence that names the member. Thread-safe.
 */
public final class JsonBinding {

  private static final Jsonb STRICT =
      JsonbBuilder.create(
          new JsonbConfig()
              .setProperty("jsonb.fail-on-unknown-properties", true)
              .withDeserializers(
                  new Strings(),
                  new Longs(),
                  new Integers(),
                  new Shorts(),
                  new Bytes(),
                  new Doubles(),
                  new Floats(),
                  new Booleans(),
                  new Values()));

  private static final Pattern PROPERTY =
      Pattern.compile("^Unable to deserialize property '([^']+)' because of");
  private static final Pattern UNKNOWN = Pattern.compile("^Json property (\\S+) can not be mapped");

  private JsonBinding() {}

  /** The strict reader (also a writer with JSON-B's defaults). */
  public static Jsonb strict() {
    return STRICT;
  }

  /**
   * A one-line explanation of why {@code e} was thrown while binding into {@code target}, naming
   * the member (dotted for nested records) and never quoting internals.
   */
  public static String describe(JsonbException e, Class<?> target) {
    List<String> path = new ArrayList<>();
    String reason = null;
    for (Throwable t = e; t != null && reason == null; t = t.getCause()) {
      if (t instanceof Refusal r) {
        reason = r.getMessage();
        break;
      }
      String message = t.getMessage() == null ? "" : t.getMessage();
      Matcher unknown = UNKNOWN.matcher(message);
      if (unknown.find()) {
        String member = unknown.group(1);
        reason =
            path.isEmpty() && target.isRecord()
                ? "is not a member; the members are " + members(target)
                : "is not a member";
        path.add(member);
        break;
      }
      Matcher property = PROPERTY.matcher(message);
      if (property.find()) {
        String member = property.group(1);
        if (path.isEmpty() || !path.get(path.size() - 1).equals(member)) {
          path.add(member);
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (reason == null) {
      reason = "does not have the expected type";
    }
    return path.isEmpty() ? "the request body " + reason : String.join(".", path) + " " + reason;
  }

  private static String members(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .map(RecordComponent::getName)
        .collect(Collectors.joining(", "));
  }

  /**
   * A binding failure whose message is written for the caller ("must be ..., was ..."), for custom
   * deserializers: {@link #describe} puts the member's name before it.
   */
  public static final class Refusal extends JsonbException {
    private static final long serialVersionUID = 1L;

    public Refusal(String message) {
      super(message);
    }
  }

  private static String kind(JsonValue v) {
    return switch (v.getValueType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "the number " + v;
      case TRUE, FALSE -> v.toString();
      case NULL -> "null";
    };
  }

  /** A whole JSON number in min..max, or null for JSON null. */
  private static Long whole(JsonParser p, long min, long max) {
    JsonValue v = p.getValue();
    if (v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    String expected = "must be a whole number between " + min + " and " + max + ", was ";
    if (!(v instanceof JsonNumber n)) {
      throw new Refusal(expected + kind(v));
    }
    BigDecimal d = n.bigDecimalValue();
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
      throw new Refusal(expected + shortened(n.toString()));
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new Refusal(expected + shortened(n.toString()));
    }
    return d.longValue();
  }

  private static String shortened(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private static final class Strings implements JsonbDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext c, Type t) {
      JsonValue v = p.getValue();
      if (v instanceof JsonString s) {
        return s.getString();
      }
      if (v.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      throw new Refusal("must be a string, was " + kind(v));
    }
  }

  private static final class Longs implements JsonbDeserializer<Long> {
    @Override
    public Long deserialize(JsonParser p, DeserializationContext c, Type t) {
      return whole(p, Long.MIN_VALUE, Long.MAX_VALUE);
    }
  }

  private static final class Integers implements JsonbDeserializer<Integer> {
    @Override
    public Integer deserialize(JsonParser p, DeserializationContext c, Type t) {
      Long x = whole(p, Integer.MIN_VALUE, Integer.MAX_VALUE);
      return x == null ? null : x.intValue();
    }
  }

  private static final class Shorts implements JsonbDeserializer<Short> {
    @Override
    public Short deserialize(JsonParser p, DeserializationContext c, Type t) {
      Long x = whole(p, Short.MIN_VALUE, Short.MAX_VALUE);
      return x == null ? null : x.shortValue();
    }
  }

  private static final class Bytes implements JsonbDeserializer<Byte> {
    @Override
    public Byte deserialize(JsonParser p, DeserializationContext c, Type t) {
      Long x = whole(p, Byte.MIN_VALUE, Byte.MAX_VALUE);
      return x == null ? null : x.byteValue();
    }
  }

  private static Double real(JsonParser p) {
    JsonValue v = p.getValue();
    if (v instanceof JsonNumber n) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw new Refusal("must be a finite number, was " + shortened(n.toString()));
      }
      return d;
    }
    if (v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    throw new Refusal("must be a number, was " + kind(v));
  }

  private static final class Doubles implements JsonbDeserializer<Double> {
    @Override
    public Double deserialize(JsonParser p, DeserializationContext c, Type t) {
      return real(p);
    }
  }

  private static final class Floats implements JsonbDeserializer<Float> {
    @Override
    public Float deserialize(JsonParser p, DeserializationContext c, Type t) {
      Double d = real(p);
      return d == null ? null : d.floatValue();
    }
  }

  private static final class Booleans implements JsonbDeserializer<Boolean> {
    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext c, Type t) {
      JsonValue v = p.getValue();
      return switch (v.getValueType()) {
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case NULL -> null;
        default -> throw new Refusal("must be true or false, was " + kind(v));
      };
    }
  }

  private static final class Values implements JsonbDeserializer<JsonValue> {
    @Override
    public JsonValue deserialize(JsonParser p, DeserializationContext c, Type t) {
      return p.getValue();
    }
  }
}
