package io.stratacache.warmup.hotkey;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.Constructor;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.cache.annotation.CacheResult;

/**
 * Turns a {@link KeyReloaders.Reload} into text for the database and back, without Java
 * serialization: the bean class, the method signature and the arguments as JSON, each argument
 * written and read by its <em>declared</em> parameter type (never a type named by the data).
 *
 * <p>Allowed argument types: {@code String}, the boxed and primitive integers, {@code boolean},
 * {@code double}, enums, {@code LocalDate}, {@code LocalDateTime}, {@code Instant}, {@code
 * Duration}, {@code List} and {@code Set} of those, and records of the application's packages whose
 * components are of those types; {@code null} anywhere. Anything else is not encoded (the key is
 * saved without its recipe). Decoding accepts only classes under {@value #PACKAGE} and methods
 * annotated {@code @CacheResult}: a tampered row cannot make warm-up call anything else.
 * Thread-safe (stateless beyond its arguments).
 */
final class ReloadCodec {

  /** The only package whose beans, methods and records are decoded. */
  static final String PACKAGE = "io.stratacache.";

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
    JsonArrayBuilder args = Json.createArrayBuilder();
    for (int i = 0; i < types.length; i++) {
      args.add(write(reload.args()[i], types[i]));
    }
    return new Encoded(bean.getName(), signature(m), args.build().toString());
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
    try (JsonReader r = Json.createReader(new StringReader(e.args()))) {
      array = r.readArray();
    } catch (RuntimeException x) {
      throw new IllegalArgumentException("malformed arguments " + e.args());
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

  private static JsonValue write(Object v, Type type) {
    if (v == null) {
      return JsonValue.NULL;
    }
    Class<?> raw = raw(type);
    if (v instanceof String s) {
      return Json.createValue(s);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return Json.createValue(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      return Json.createValue(((Number) v).doubleValue());
    }
    if (v instanceof Boolean b) {
      return b ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (v instanceof Enum<?> en && raw.isEnum()) {
      return Json.createValue(en.name());
    }
    if (v instanceof LocalDate
        || v instanceof LocalDateTime
        || v instanceof Instant
        || v instanceof Duration) {
      return Json.createValue(v.toString());
    }
    if (v instanceof Collection<?> c && (raw == List.class || raw == Set.class)) {
      Type element = element(type);
      JsonArrayBuilder a = Json.createArrayBuilder();
      for (Object o : c) {
        a.add(write(o, element));
      }
      return a.build();
    }
    if (v instanceof Record && raw.isRecord() && raw == v.getClass() && allowedRecord(raw)) {
      JsonObjectBuilder o = Json.createObjectBuilder();
      for (RecordComponent rc : raw.getRecordComponents()) {
        try {
          o.add(rc.getName(), write(rc.getAccessor().invoke(v), rc.getGenericType()));
        } catch (ReflectiveOperationException x) {
          throw new IllegalArgumentException("cannot read " + raw.getName() + "." + rc.getName());
        }
      }
      return o.build();
    }
    throw new IllegalArgumentException(
        "argument type " + v.getClass().getName() + " (declared " + type + ") is not encoded");
  }

  private static Object read(JsonValue v, Type type) {
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (raw(type).isPrimitive()) {
        throw new IllegalArgumentException("null for " + type);
      }
      return null;
    }
    Class<?> raw = raw(type);
    try {
      if (raw == String.class) {
        return ((JsonString) v).getString();
      }
      if (raw == int.class || raw == Integer.class) {
        return ((JsonNumber) v).intValueExact();
      }
      if (raw == long.class || raw == Long.class) {
        return ((JsonNumber) v).longValueExact();
      }
      if (raw == short.class || raw == Short.class) {
        return (short) ((JsonNumber) v).intValueExact();
      }
      if (raw == byte.class || raw == Byte.class) {
        return (byte) ((JsonNumber) v).intValueExact();
      }
      if (raw == double.class || raw == Double.class) {
        return ((JsonNumber) v).doubleValue();
      }
      if (raw == float.class || raw == Float.class) {
        return (float) ((JsonNumber) v).doubleValue();
      }
      if (raw == boolean.class || raw == Boolean.class) {
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
          return true;
        }
        if (v.getValueType() == JsonValue.ValueType.FALSE) {
          return false;
        }
        throw new IllegalArgumentException("not a boolean: " + v);
      }
      if (raw.isEnum()) {
        return enumValue(raw, ((JsonString) v).getString());
      }
      if (raw == LocalDate.class) {
        return LocalDate.parse(((JsonString) v).getString());
      }
      if (raw == LocalDateTime.class) {
        return LocalDateTime.parse(((JsonString) v).getString());
      }
      if (raw == Instant.class) {
        return Instant.parse(((JsonString) v).getString());
      }
      if (raw == Duration.class) {
        return Duration.parse(((JsonString) v).getString());
      }
      if (raw == List.class || raw == Set.class) {
        Type element = element(type);
        List<Object> items = new ArrayList<>();
        for (JsonValue item : (JsonArray) v) {
          items.add(read(item, element));
        }
        return raw == List.class
            ? Collections.unmodifiableList(items)
            : Collections.unmodifiableSet(new LinkedHashSet<>(items));
      }
      if (raw.isRecord() && allowedRecord(raw)) {
        JsonObject o = (JsonObject) v;
        RecordComponent[] rcs = raw.getRecordComponents();
        Object[] values = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
          values[i] = read(o.get(rcs[i].getName()), rcs[i].getGenericType());
          types[i] = rcs[i].getType();
        }
        Constructor<?> c = raw.getDeclaredConstructor(types);
        return c.newInstance(values);
      }
    } catch (ClassCastException | ArithmeticException | java.time.DateTimeException x) {
      throw new IllegalArgumentException("malformed " + type.getTypeName() + ": " + v);
    } catch (ReflectiveOperationException x) {
      throw new IllegalArgumentException(
          "cannot build " + raw.getName() + " from " + v + ": " + x.getCause());
    }
    throw new IllegalArgumentException("argument type " + type.getTypeName() + " is not decoded");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
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
