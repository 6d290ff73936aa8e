package io.stratacache.rest;

import io.stratacache.platform.InvalidInputException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Parses request parameters, answering malformed ones with {@link InvalidInputException} (400)
 * rather than JAX-RS's default 404 for unconvertible path and query parameters.
 */
public final class Params {

  /** The largest {@code limit} a list endpoint accepts. */
  public static final int MAX_LIMIT = 1000;

  private Params() {}

  /**
   * A list size in 1..{@value #MAX_LIMIT}; {@code defaultValue} when absent.
   *
   * @throws InvalidInputException if present and not an integer in range
   */
  public static int limit(String raw, int defaultValue) {
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    long value = integer("limit", raw);
    if (value < 1 || value > MAX_LIMIT) {
      throw new InvalidInputException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + raw.trim());
    }
    return (int) value;
  }

  /**
   * A positive numeric id.
   *
   * @throws InvalidInputException if absent, not an integer, or not positive
   */
  public static long id(String name, String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidInputException(name + " is required");
    }
    long value = integer(name, raw);
    if (value < 1) {
      throw new InvalidInputException(name + " must be a positive integer, was " + raw.trim());
    }
    return value;
  }

  /**
   * A comma-separated list of positive ids, duplicates removed, at most {@code max}.
   *
   * @throws InvalidInputException if absent, empty, malformed or too long
   */
  public static Set<Long> ids(String name, String raw, int max) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidInputException(name + " is required, as a comma-separated list of ids");
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (String part : raw.split(",", -1)) {
      ids.add(id(name + " entry", part));
    }
    if (ids.size() > max) {
      throw new InvalidInputException(
          name + " names " + ids.size() + " ids; at most " + max + " are allowed");
    }
    return ids;
  }

  private static long integer(String name, String raw) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name + " must be an integer, was '" + raw.trim() + "'");
    }
  }
}
