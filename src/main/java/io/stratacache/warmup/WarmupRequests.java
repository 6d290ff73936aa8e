package io.stratacache.warmup;

import io.stratacache.rest.JsonBinding;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/** The request bodies of {@link WarmupResource}, bound and validated by the REST layer. */
public final class WarmupRequests {

  private WarmupRequests() {}

  /**
   * The body of {@code POST /api/v1/cache/warmup/execute}; an absent body runs every task with the
   * configured concurrency.
   *
   * @param tasks the tasks to run by name; null or empty for all
   * @param concurrent whether the tasks run at once; null for {@code CONCURRENT_WARMUP_ENABLED}
   */
  public record Execute(List<String> tasks, Boolean concurrent) {

    public Execute {
      tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
  }

  /**
   * The body of {@code POST /api/v1/cache/warmup/schedule}.
   *
   * @param cache the cache whose keys are queued (required; checked against the known caches)
   * @param keys 1..{@value WarmupResource#MAX_KEYS} keys, JSON strings or numbers (a number stands
   *     for its text)
   * @param priority -1000..1000, higher first; null for 0
   * @param ttlSeconds 1..31622400; null for the cache's own TTL
   */
  public record Schedule(
      String cache,
      @NotNull(message = KEYS)
          @Size(min = 1, max = WarmupResource.MAX_KEYS, message = KEYS)
          @JsonbTypeDeserializer(KeyList.class)
          List<String> keys,
      @Min(value = -1000, message = "must be between -1000 and 1000")
          @Max(value = 1000, message = "must be between -1000 and 1000")
          Integer priority,
      @Min(value = 1, message = "must be between 1 and 31622400")
          @Max(value = 31_622_400, message = "must be between 1 and 31622400")
          Long ttlSeconds) {
    /*
     * Declared, not implicit: a record component's constraints then stay on its field and
     * accessor and do not reach this constructor's parameters, where Payara's OpenAPI scanner
     * (6.2025.10) fails with a NullPointerException on any constraint of a parameter that is not
     * a @PathParam, and /openapi answers 500. Hibernate Validator checks the fields. JSON-B binds
     * through this constructor, so its own annotations are repeated on the parameters.
     */
    public Schedule(
        String cache,
        @JsonbTypeDeserializer(KeyList.class) List<String> keys,
        Integer priority,
        Long ttlSeconds) {
      this.cache = cache;
      this.keys = keys;
      this.priority = priority;
      this.ttlSeconds = ttlSeconds;
    }
  }

  static final String KEYS = "must list 1.." + WarmupResource.MAX_KEYS + " keys";

  /** Reads an array of JSON strings and numbers as their text; anything else is refused. */
  public static final class KeyList implements JsonbDeserializer<List<String>> {
    @Override
    public List<String> deserialize(JsonParser parser, DeserializationContext ctx, Type type) {
      JsonValue v = parser.getValue();
      if (v.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      if (v.getValueType() != JsonValue.ValueType.ARRAY) {
        throw new JsonBinding.Refusal("must be an array of strings and numbers");
      }
      List<String> keys = new ArrayList<>(v.asJsonArray().size());
      for (JsonValue e : v.asJsonArray()) {
        if (e instanceof JsonString s) {
          keys.add(s.getString());
        } else if (e instanceof JsonNumber n) {
          keys.add(n.toString());
        } else {
          throw new JsonBinding.Refusal("must be an array of strings and numbers");
        }
      }
      return keys;
    }
  }
}
