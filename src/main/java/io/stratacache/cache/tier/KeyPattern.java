package io.stratacache.cache.tier;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over cache keys: {@code *} matches any run of characters (including none), {@code ?}
 * exactly one; every other character matches itself (there is no escape). {@code "brand:*"} matches
 * {@code brand:42} and {@code brand:}; {@code "*"} matches every key.
 *
 * <p>Immutable and thread-safe. Tiers translate it to what their backend understands: a Java or
 * Hazelcast regular expression ({@link #regex()}) or an SQL {@code LIKE} ({@link #sqlLike(char)}).
 */
public final class KeyPattern {
  private final String glob;
  private final Pattern compiled;

  private KeyPattern(String glob) {
    this.glob = glob;
    this.compiled = Pattern.compile(toRegex(glob), Pattern.DOTALL);
  }

  /**
   * Parses a glob.
   *
   * @throws IllegalArgumentException if {@code glob} is empty
   * @throws NullPointerException if {@code glob} is null
   */
  public static KeyPattern glob(String glob) {
    Objects.requireNonNull(glob, "glob");
    if (glob.isEmpty()) {
      throw new IllegalArgumentException("empty key pattern");
    }
    return new KeyPattern(glob);
  }

  /** The glob as given. */
  public String glob() {
    return glob;
  }

  /** True if {@code key} matches the whole pattern. */
  public boolean matches(String key) {
    return compiled.matcher(key).matches();
  }

  /** The equivalent Java regular expression, matching whole keys. */
  public String regex() {
    return compiled.pattern();
  }

  /**
   * The equivalent SQL {@code LIKE} pattern, with {@code %}, {@code _} and the escape character
   * itself escaped by {@code escape}; use it with {@code LIKE ? ESCAPE '<escape>'}.
   */
  public String sqlLike(char escape) {
    StringBuilder like = new StringBuilder(glob.length() + 8);
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        like.append('%');
      } else if (c == '?') {
        like.append('_');
      } else {
        if (c == '%' || c == '_' || c == escape) {
          like.append(escape);
        }
        like.append(c);
      }
    }
    return like.toString();
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder(glob.length() + 16);
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return regex.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPattern other && other.glob.equals(glob);
  }

  @Override
  public int hashCode() {
    return glob.hashCode();
  }

  @Override
  public String toString() {
    return glob;
  }
}
