package io.stratacache.http;

import io.stratacache.cache.TieredCache;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Key derivation of the response cache. A key is {@code <path> <rule>[ q=<query>][ h:<name>=<value>
 * ...][ u=<caller>]}: the path first, so a path pattern becomes a key glob ({@link
 * PathPattern#keyGlob}); the query normalised (parameters decoded, re-encoded and sorted by name,
 * then value); named headers in the rule's order with their values trimmed (a missing header is an
 * empty value), names in lower case; the caller's name percent-encoded. A response with {@code
 * Vary} is stored under {@code <key> v=<values>} and the key itself then holds a {@link VaryIndex};
 * {@code <key> ~s} holds the copy kept for the stale windows. Keys longer than {@value #MAX}
 * characters keep their path (if short enough) and hash the rest. Pure functions.
 */
final class ResponseKeys {

  /** Separates the path from the rest of a key: a space never appears in a request path. */
  static final String SEPARATOR = " ";

  /** Suffix of the copy kept for stale-while-revalidate, stale-if-error and revalidation. */
  static final String STALE = " ~s";

  static final int MAX = TieredCache.MAX_KEY_LENGTH - 40;

  private ResponseKeys() {}

  /**
   * The key of a request under {@code rule}.
   *
   * @param headers request header by lower-case name (null when absent)
   * @param caller the authenticated caller's name for a per-user rule, else null
   */
  static String key(
      CompiledRule rule,
      String path,
      String query,
      Function<String, String> headers,
      String caller) {
    StringBuilder b = new StringBuilder(path.length() + 32);
    b.append(path).append(SEPARATOR).append(rule.id());
    if (rule.byQuery() && query != null && !query.isEmpty()) {
      b.append(" q=").append(normalizeQuery(query));
    }
    for (String h : rule.rule().headers()) {
      String v = headers.apply(h);
      b.append(" h:").append(h).append('=').append(encode(v == null ? "" : v.trim()));
    }
    if (caller != null) {
      b.append(" u=").append(encode(caller));
    }
    return bounded(b.toString(), path);
  }

  /** The key of the variant of {@code base} for the values of the Vary headers {@code names}. */
  static String variant(String base, List<String> names, Function<String, String> headers) {
    return bounded(base + " v=" + varyValues(names, headers), base);
  }

  /** The request's values of {@code names}, joined; the identity of a variant. */
  static String varyValues(List<String> names, Function<String, String> headers) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      String v = headers.apply(n);
      b.append(encode(v == null ? "" : v.trim().replaceAll("\\s*,\\s*", ","))).append(';');
    }
    return b.toString();
  }

  /**
   * The query string with its parameters decoded, re-encoded and sorted by name then value; empty
   * parameters dropped.
   */
  static String normalizeQuery(String query) {
    List<String[]> params = new ArrayList<>();
    for (String p : query.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String name = decode(eq < 0 ? p : p.substring(0, eq));
      String value = eq < 0 ? "" : decode(p.substring(eq + 1));
      params.add(new String[] {name, value, eq < 0 ? "" : "="});
    }
    params.sort(
        (a, c) -> {
          int n = a[0].compareTo(c[0]);
          return n != 0 ? n : a[1].compareTo(c[1]);
        });
    StringBuilder b = new StringBuilder();
    for (String[] p : params) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(encode(p[0])).append(p[2]).append(encode(p[1]));
    }
    return b.toString();
  }

  /** The tag of every entry kept for {@code caller}. */
  /**
   * The tag every entry of {@code path} carries (every query, variant and user): what a successful
   * unsafe request invalidates. A tag, not a key pattern, so that it refuses only the fills of that
   * path in flight (a pattern invalidation refuses every fill of the cache in flight).
   */
  static String urlTag(String path) {
    String t = "url:" + path;
    return t.length() <= 100 && !t.contains(",") ? t : "url#" + hash(path);
  }

  static String userTag(String caller) {
    String t = "user:" + caller;
    return t.length() <= 100 && !t.contains(",") ? t : "user#" + hash(caller);
  }

  private static String bounded(String key, String path) {
    if (key.length() <= MAX) {
      return key;
    }
    String head = path.length() <= MAX - 60 ? path : "#" + hash(path);
    return head + SEPARATOR + "#" + hash(key);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String hash(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(sha256(s.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lower case, for header names. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
