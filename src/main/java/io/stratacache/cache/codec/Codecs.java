package io.stratacache.cache.codec;

import java.util.List;
import java.util.Objects;

/** Factories for the built-in codecs. */
public final class Codecs {
  /** Configuration name of {@link #binary}. */
  public static final String BINARY = "binary";

  /** Configuration name of {@link #json}. */
  public static final String JSON = "json";

  private Codecs() {}

  /**
   * Java serialization of {@code type} behind an {@link java.io.ObjectInputFilter} allow-list. The
   * list always admits {@code type} itself, {@code java.lang.*}, {@code java.util.*}, {@code
   * java.time.*} and {@code java.math.*}; {@code allowedPatterns} adds more, in the filter's syntax
   * ({@code com.example.model.*} for one package, {@code com.example.**} for a tree). Every other
   * class is rejected on decode, as are graphs deeper than 64, with more than 100,000 references or
   * larger than 64 MB.
   *
   * @throws IllegalArgumentException if a pattern is malformed (contains {@code ;} or {@code !})
   */
  public static <V> Codec<V> binary(Class<V> type, List<String> allowedPatterns) {
    return new BinaryCodec<>(type, allowedPatterns);
  }

  /**
   * JSON-B ({@code jakarta.json.bind}) of {@code type}; needs a JSON-B implementation at run time
   * (Payara provides Yasson). Values must be JSON-B mappable: records, or classes with a
   * creator/default constructor.
   */
  public static <V> Codec<V> json(Class<V> type) {
    return new JsonbCodec<>(type);
  }

  /**
   * The built-in codec called {@code name}.
   *
   * @throws IllegalArgumentException if {@code name} is neither {@value #BINARY} nor {@value #JSON}
   */
  public static <V> Codec<V> named(String name, Class<V> type, List<String> allowedPatterns) {
    Objects.requireNonNull(name, "name");
    switch (name) {
      case BINARY:
        return binary(type, allowedPatterns);
      case JSON:
        return json(type);
      default:
        throw new IllegalArgumentException("unknown codec '" + name + "' (binary or json)");
    }
  }
}
