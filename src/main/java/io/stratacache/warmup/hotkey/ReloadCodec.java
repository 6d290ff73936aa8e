package io.stratacache.warmup.hotkey;

import io.stratacache.rest.JsonBinding;
import io.stratacache.rest.JsonRequests;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.cache.annotation.CacheResult;

/**
 * Turns a {@link KeyReloaders.Reload} into text for the database and back, without Java
 * serialization: the bean class, the method signature and the arguments as a JSON array, each
 * argument written and read by JSON-B ({@link JsonBinding#strict()}) with its <em>declared</em>
 * parameter type (never a type named by the data), after that type has passed the allow-list.
 *
 * <p>Allowed argument types: {@code String}, the boxed and primitive integers, {@code boolean},
 * {@code double}, enums, {@code LocalDate}, {@code LocalDateTime}, {@code Instant}, {@code
 * Duration}, {@code List} and {@code Set} of those, and records of the application's packages whose
 * components are of those types; {@code null} anywhere. Anything else is not encoded (the key is
 * saved without its recipe). Decoding accepts only classes under {@value #PACKAGE} and methods
 * annotated {@code @CacheResult}: a tampered row cannot make warm-up call anything else, and its
 * arguments are nested at most {@value #MAX_DEPTH} deep. Thread-safe (stateless beyond its
 * arguments).
 */
final class ReloadCodec {

  /** The only package whose beans, methods and records are decoded. */
  static final String PACKAGE = "io.stratacache.";

  /** The deepest nesting of a saved argument array (the array itself is 1). */
  static final int MAX_DEPTH = 16;

  private static final Jsonb JSONB = JsonBinding.strict();

  /** The columns of a saved recipe. */
  record Encoded(String bean, String method, String args) {}

  private final ClassLoader loader;
  private final Function<Class<?>, Object> beans;

  /**
   * @param loader loads the bean classes of restored recipes
   * @param beans the bean to call for a bean class (the container's contextual reference)
   */
  ReloadCodec(ClassLoader loader, Function<Class<?>, Object> beans) {
    this.loader = loader;
    this.beans = beans;
  }

  /**
   * Encodes {@code reload}.
   *
   * @throws IllegalArgumentException if a bean or an argument is of a type that is not allowed
   */
  static Encoded encode(KeyReloaders.Reload reload) {
    Class<?> bean = beanClass(reload.target().getClass());
    if (!bean.getName().startsWith(PACKAGE)) {
      throw new IllegalArgumentException("bean " + bean.getName() + " is outside " + PACKAGE);
    }
    Method m = reload.method();
    Type[] types = m.getGenericParameterTypes();
    StringJoiner args = new StringJoiner(",", "[", "]");
    for (int i = 0; i < types.length; i++) {
      args.add(write(reload.args()[i], types[i]));
    }
    return new Encoded(bean.getName(), signature(m), args.toString());
  }

  /**
   * Decodes a saved recipe.
   *
   * @throws IllegalArgumentException if the class, the method or an argument is unknown, not
   *     allowed or malformed
   */
  KeyReloaders.Reload decode(Encoded e) {
    if (e.bean() == null || !e.bean().startsWith(PACKAGE)) {
      throw new IllegalArgumentException("bean " + e.bean() + " is outside " + PACKAGE);
    }
    Class<?> bean;
    try {
      bean = Class.forName(e.bean(), false, loader);
    } catch (ClassNotFoundException | LinkageError x) {
      throw new IllegalArgumentException("unknown bean class " + e.bean());
    }
    Method method = null;
    for (Method m : bean.getMethods()) {
      if (signature(m).equals(e.method())) {
        method = m;
        break;
      }
    }
    if (method == null || !method.isAnnotationPresent(CacheResult.class)) {
      throw new IllegalArgumentException(
          "no @CacheResult method " + e.method() + " on " + e.bean());
    }
    JsonArray array;
    try {
      JsonRequests.scan(e.args(), MAX_DEPTH, false);
      try (JsonReader r = Json.createReader(new StringReader(e.args()))) {
        array = r.readArray();
      }
    } catch (RuntimeException x) {
      throw new IllegalArgumentException("malformed arguments " + shortened(e.args()));
    }
    Type[] types = method.getGenericParameterTypes();
    if (array.size() != types.length) {
      throw new IllegalArgumentException(
          e.method() + " takes " + types.length + " arguments, saved " + array.size());
    }
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = read(array.get(i), types[i]);
    }
    Object target = beans.apply(bean);
    if (target == null) {
      throw new IllegalArgumentException("no bean of " + e.bean());
    }
    return new KeyReloaders.Reload(target, method, args);
  }

  /** {@code name(type,type)}, with the erased parameter types. */
  static String signature(Method m) {
    return m.getName()
        + java.util.Arrays.stream(m.getParameterTypes())
            .map(Class::getName)
            .collect(Collectors.joining(",", "(", ")"));
  }

  /** The application class behind a container subclass or proxy (Weld's names contain a $). */
  static Class<?> beanClass(Class<?> c) {
    while (c.getSuperclass() != null
        && c.getSuperclass() != Object.class
        && (c.isSynthetic() || c.getName().contains("$Proxy$") || c.getName().contains("Weld"))) {
      c = c.getSuperclass();
    }
    return c;
  }

  private static String write(Object v, Type type) {
    if (!allowed(type, new HashSet<>())) {
      throw new IllegalArgumentException("argument type " + type.getTypeName() + " is not encoded");
    }
    if (v == null) {
      return "null";
    }
    Class<?> raw = raw(type);
    boolean fits =
        raw.isPrimitive()
            ? BOXES.contains(v.getClass())
            : raw.isInstance(v) && (!raw.isRecord() || raw == v.getClass());
    if (!fits || (v instanceof Collection<?> c && !elementsFit(c, element(type)))) {
      throw new IllegalArgumentException(
          "argument type " + v.getClass().getName() + " (declared " + type + ") is not encoded");
    }
    return JSONB.toJson(v, type);
  }

  private static boolean elementsFit(Collection<?> c, Type element) {
    Class<?> raw = raw(element);
    for (Object o : c) {
      if (o != null && (!raw.isInstance(o) || (raw.isRecord() && raw != o.getClass()))) {
        return false;
      }
    }
    return true;
  }

  private static Object read(JsonValue v, Type type) {
    if (!allowed(type, new HashSet<>())) {
      throw new IllegalArgumentException("argument type " + type.getTypeName() + " is not decoded");
    }
    Class<?> raw = raw(type);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (raw.isPrimitive()) {
        throw new IllegalArgumentException("null for " + type);
      }
      return null;
    }
    Object value;
    try {
      // Inside a one-element list: JSON-B reads a top-level scalar leniently ("12" as 12), an
      // element through the strict deserializers.
      List<?> one = JSONB.fromJson("[" + v + "]", listOf(raw.isPrimitive() ? box(raw) : type));
      value = one.get(0);
    } catch (RuntimeException x) {
      throw new IllegalArgumentException(
          "malformed " + type.getTypeName() + ": " + shortened(v.toString()));
    }
    if (value instanceof List<?> list) {
      return Collections.unmodifiableList(new ArrayList<>(list));
    }
    if (value instanceof Set<?> set) {
      return Collections.unmodifiableSet(new LinkedHashSet<>(set));
    }
    return value;
  }

  /** The primitive types and their boxes, and the other leaf types an argument may have. */
  private static final Set<Class<?>> BOXES =
      Set.of(
          Integer.class,
          Long.class,
          Short.class,
          Byte.class,
          Double.class,
          Float.class,
          Boolean.class);

  private static final Set<Class<?>> LEAVES =
      Set.of(
          String.class,
          Integer.class,
          Long.class,
          Short.class,
          Byte.class,
          Double.class,
          Float.class,
          Boolean.class,
          int.class,
          long.class,
          short.class,
          byte.class,
          double.class,
          float.class,
          boolean.class,
          LocalDate.class,
          LocalDateTime.class,
          Instant.class,
          Duration.class);

  /**
   * Whether arguments of {@code type} are encoded and decoded: a leaf type, an enum, a {@code List}
   * or {@code Set} of an allowed type, or a record under {@value #PACKAGE} whose components are all
   * allowed (a record that contains itself is not).
   */
  static boolean allowed(Type type, Set<Class<?>> enclosing) {
    Class<?> raw = raw(type);
    if (LEAVES.contains(raw) || raw.isEnum()) {
      return true;
    }
    if (raw == List.class || raw == Set.class) {
      return type instanceof ParameterizedType p
          && p.getActualTypeArguments().length == 1
          && allowed(p.getActualTypeArguments()[0], enclosing);
    }
    if (raw.isRecord() && allowedRecord(raw) && enclosing.add(raw)) {
      for (RecordComponent rc : raw.getRecordComponents()) {
        if (!allowed(rc.getGenericType(), enclosing)) {
          return false;
        }
      }
      enclosing.remove(raw);
      return true;
    }
    return false;
  }

  private static ParameterizedType listOf(Type element) {
    return new ParameterizedType() {
      @Override
      public Type[] getActualTypeArguments() {
        return new Type[] {element};
      }

      @Override
      public Type getRawType() {
        return List.class;
      }

      @Override
      public Type getOwnerType() {
        return null;
      }
    };
  }

  private static Class<?> box(Class<?> primitive) {
    return switch (primitive.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "boolean" -> Boolean.class;
      default -> throw new IllegalArgumentException("no box for " + primitive);
    };
  }

  private static String shortened(String s) {
    return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  private static boolean allowedRecord(Class<?> c) {
    return c.getName().startsWith(PACKAGE);
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }

  private static Type element(Type collection) {
    if (collection instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
      return p.getActualTypeArguments()[0];
    }
    throw new IllegalArgumentException("collection without an element type: " + collection);
  }
}
