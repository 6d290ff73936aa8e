package io.stratacache.admin;

import java.io.Serializable;
import java.util.Objects;

/**
 * A value written through {@code POST /api/v1/cache/set}: the compact JSON text the operator sent.
 * Kept apart from application values so that {@code get} gives back exactly the JSON that was set
 * (a plain {@code String} would come back as a JSON string). Immutable and serializable; it reaches
 * the grid and the store through the cache's codec like any other value.
 *
 * @param json compact JSON text, never null
 */
public record JsonDocument(String json) implements Serializable {

  private static final long serialVersionUID = 1L;

  public JsonDocument {
    Objects.requireNonNull(json, "json");
  }
}
