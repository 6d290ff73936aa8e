package io.stratacache.cache.jcache;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which values store-by-value may hand out without a copy, because no caller can change them: the
 * JDK's immutable values (strings, boxed primitives, enums, {@code UUID}, {@code BigInteger},
 * {@code BigDecimal}, the {@code java.time} values), the unmodifiable collections of {@code
 * List.of}, {@code Set.of}, {@code Map.of} and their {@code copyOf} when every element is
 * immutable, and records whose every component is immutable by these rules (checked per value where
 * a component's declared type is a collection or {@code Object}, per class otherwise). A record
 * holding an {@code ArrayList}, an array or any other type is copied as before. Thread-safe.
 *
 * <p>Why: a copy through the codec costs microseconds (Java serialization out and back in), two
 * orders of magnitude more than a near hit; records of immutable values are what the application's
 * caches hold.
 */
final class Immutables {
  private Immutables() {}

  /** Bounds the per-value walk: a collection larger than this, or nested deeper, is copied. */
  private static final int MAX_ELEMENTS = 256;

  private static final int MAX_DEPTH = 4;

  private static final Set<Class<?>> VALUES =
      Set.of(
          String.class,
          Integer.class,
          Long.class,
          Boolean.class,
          Character.class,
          Short.class,
          Byte.class,
          Double.class,
          Float.class,
          UUID.class,
          BigInteger.class,
          BigDecimal.class,
          java.time.Instant.class,
          java.time.LocalDate.class,
          java.time.LocalDateTime.class,
          java.time.LocalTime.class,
          java.time.OffsetDateTime.class,
          java.time.ZonedDateTime.class,
          java.time.Duration.class,
          java.time.Period.class,
          java.time.YearMonth.class,
          java.time.Year.class);

  /** The unmodifiable collections' classes (List.of with 0, 1, 2 and more elements, Set, Map). */
  private static final Set<Class<?>> UNMODIFIABLE =
      Set.copyOf(
          java.util.Arrays.asList(
              List.of().getClass(),
              List.of(1).getClass(),
              List.of(1, 2, 3).getClass(),
              Set.of().getClass(),
              Set.of(1).getClass(),
              Set.of(1, 2, 3).getClass(),
              Map.of().getClass(),
              Map.of(1, 1).getClass(),
              Map.of(1, 1, 2, 2).getClass()));

  /** Per record class: how to check its components, or null when it can never be immutable. */
  private static final ClassValue<Components> RECORDS =
      new ClassValue<>() {
        @Override
        protected Components computeValue(Class<?> type) {
          return Components.of(type);
        }
      };

  /** Whether {@code value} can be handed out as it is. */
  static boolean immutable(Object value) {
    return immutable(value, 0);
  }

  private static boolean immutable(Object value, int depth) {
    if (value == null) {
      return true;
    }
    Class<?> type = value.getClass();
    if (VALUES.contains(type) || value instanceof Enum<?> || value instanceof TieredCacheKey) {
      return true;
    }
    if (depth >= MAX_DEPTH) {
      return false;
    }
    if (UNMODIFIABLE.contains(type)) {
      if (value instanceof Map<?, ?> map) {
        return map.size() <= MAX_ELEMENTS
            && all(map.keySet(), depth + 1)
            && all(map.values(), depth + 1);
      }
      Collection<?> c = (Collection<?>) value;
      return c.size() <= MAX_ELEMENTS && all(c, depth + 1);
    }
    if (type.isRecord()) {
      Components components = RECORDS.get(type);
      return components != null && components.immutable(value, depth + 1);
    }
    return false;
  }

  private static boolean all(Collection<?> values, int depth) {
    for (Object v : values) {
      if (!immutable(v, depth)) {
        return false;
      }
    }
    return true;
  }

  /** A record class's components that need a look at the value (the others are immutable). */
  private static final class Components {
    private final MethodHandle[] checked;

    private Components(MethodHandle[] checked) {
      this.checked = checked;
    }

    /** Null when a component's declared type can hold a mutable value whatever the record holds. */
    static Components of(Class<?> record) {
      java.util.List<MethodHandle> checked = new java.util.ArrayList<>();
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      for (RecordComponent c : record.getRecordComponents()) {
        Class<?> t = c.getType();
        if (t.isPrimitive() || VALUES.contains(t) || t.isEnum()) {
          continue;
        }
        if (t == List.class
            || t == Set.class
            || t == Map.class
            || t == Collection.class
            || t == Object.class
            || t.isRecord()
            || t.isInterface()) {
          try {
            c.getAccessor().setAccessible(true);
            checked.add(lookup.unreflect(c.getAccessor()));
          } catch (IllegalAccessException | RuntimeException e) {
            return null; // not readable here (a module boundary): copy such values
          }
          continue;
        }
        return null; // an array, a mutable class (ArrayList, Date...), an unknown final class
      }
      return new Components(checked.toArray(MethodHandle[]::new));
    }

    boolean immutable(Object record, int depth) {
      for (MethodHandle accessor : checked) {
        Object component;
        try {
          component = accessor.invoke(record);
        } catch (Throwable t) {
          return false;
        }
        if (!Immutables.immutable(component, depth)) {
          return false;
        }
      }
      return true;
    }
  }
}
