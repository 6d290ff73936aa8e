package io.stratacache.cache.jcache;

import java.io.Serializable;
import java.util.Objects;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * A key generated from a method's key parameters: their canonical string (see {@link CacheKeys}),
 * which is also the tiered cache's key. Immutable; equal when the strings are equal.
 */
public final class TieredCacheKey implements GeneratedCacheKey, Serializable {

  private static final long serialVersionUID = 1L;

  private final String value;

  public TieredCacheKey(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The canonical string the tiers store the entry under. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TieredCacheKey k && k.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
