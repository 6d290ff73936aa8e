package io.stratacache.cache;

import java.util.Objects;

/**
 * What a cache holds for a key, as {@link TieredCache#peek} sees it: nothing ({@link Absent}), the
 * source's "not found" answer ({@link NotFound}), or a value ({@link Present}).
 *
 * @param <V> the value type
 */
public sealed interface Lookup<V> permits Lookup.Absent, Lookup.NotFound, Lookup.Present {

  /** Nothing fresh is cached for the key: a {@code get} would load it. */
  record Absent<V>() implements Lookup<V> {}

  /** The source was asked and had no value; that answer is cached and still fresh. */
  record NotFound<V>() implements Lookup<V> {}

  /** A fresh value is cached. */
  record Present<V>(V value) implements Lookup<V> {
    public Present {
      Objects.requireNonNull(value, "value");
    }
  }

  /** True for {@link Absent}. */
  default boolean isAbsent() {
    return this instanceof Absent;
  }

  /** True for {@link NotFound}. */
  default boolean isNotFound() {
    return this instanceof NotFound;
  }

  /** The value if {@link Present}, else {@code other}. */
  default V orElse(V other) {
    return this instanceof Present<V> present ? present.value() : other;
  }
}
