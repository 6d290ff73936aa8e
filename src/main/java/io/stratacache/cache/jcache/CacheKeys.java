package io.stratacache.cache.jcache;

import io.stratacache.cache.TieredCache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Derives the canonical string key of a call from its key parameters, in parameter order.
 *
 * <p>Rules: each value is written with {@code String.valueOf}, except that {@code null} is {@code
 * ∅}, a {@link Set} is written with its elements sorted (so {@code {3,1}} and {@code {1,3}} are one
 * key), and other collections keep their order. Values are joined with {@code |}; a {@code |} or
 * {@code \} inside a value is escaped with {@code \}, so distinct argument lists never collide. A
 * key longer than {@link TieredCache#MAX_KEY_LENGTH} is shortened to its first 400 characters, a
 * {@code #} and the SHA-256 of the whole. Stateless and thread-safe.
 */
public final class CacheKeys {

  static final int KEEP_PREFIX = 400;

  private CacheKeys() {}

  /** The key of {@code args} restricted to the parameters at {@code indexes}. */
  public static String key(int[] indexes, Object[] args) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < indexes.length; i++) {
      if (i > 0) {
        b.append('|');
      }
      append(b, args[indexes[i]]);
    }
    if (b.length() == 0) {
      b.append("()");
    }
    return shorten(b.toString());
  }

  private static void append(StringBuilder b, Object value) {
    if (value == null) {
      b.append('∅');
      return;
    }
    String s;
    if (value instanceof Set<?> set) {
      List<String> items = new ArrayList<>(set.size());
      for (Object o : set) {
        items.add(String.valueOf(o));
      }
      items.sort(CacheKeys::compareNatural);
      s = items.toString();
    } else if (value instanceof Collection<?> c) {
      s = c.toString();
    } else {
      s = String.valueOf(value);
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '|' || ch == '\\') {
        b.append('\\');
      }
      b.append(ch);
    }
  }

  /** Numbers by value, everything else by text, so {@code [2, 10]} sorts as numbers do. */
  private static int compareNatural(String a, String b) {
    if (a.length() != b.length() && isDigits(a) && isDigits(b)) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static String shorten(String key) {
    if (key.length() <= TieredCache.MAX_KEY_LENGTH) {
      return key;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return key.substring(0, KEEP_PREFIX) + "#" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
