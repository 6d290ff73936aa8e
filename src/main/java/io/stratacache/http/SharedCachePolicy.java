package io.stratacache.http;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The RFC 9111 decisions of a shared cache about an origin's answer: whether it may be stored under
 * a rule, for how long, and with which validators. Pure functions; see README "Response cache" for
 * the rules in prose.
 */
final class SharedCachePolicy {

  /** The hop-by-hop headers (RFC 9110 §7.6.1): never stored, never forwarded. */
  static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  /** Headers never stored: hop-by-hop and those the cache sets itself. */
  static final Set<String> NOT_STORED =
      with(HOP_BY_HOP, "set-cookie", "age", "content-length", "x-cache", "surrogate-control");

  /** {@code base} and {@code more}, as one unmodifiable set. */
  static Set<String> with(Set<String> base, String... more) {
    Set<String> all = new java.util.HashSet<>(base);
    all.addAll(java.util.List.of(more));
    return Set.copyOf(all);
  }

  private SharedCachePolicy() {}

  /** The outcome: a storable answer, or why the answer is not stored. */
  record Decision(StoredResponse response, String refusal) {
    boolean stored() {
      return response != null;
    }
  }

  /**
   * Decides about an origin answer.
   *
   * @param rule the rule that matched the request
   * @param authorized whether the request carried {@code Authorization}
   * @param status the answer's status
   * @param names its header names, parallel to {@code values}
   * @param body its body
   * @param now the reception time, epoch milliseconds
   * @param requestHeaders the request's headers by lower-case name, for Vary
   * @param tags the entry's tags
   */
  static Decision decide(
      CompiledRule rule,
      boolean authorized,
      int status,
      List<String> names,
      List<String> values,
      byte[] body,
      long now,
      Function<String, String> requestHeaders,
      List<String> tags) {
    ResponseRule r = rule.rule();
    if (!r.statuses().contains(status)) {
      return refuse("status " + status + " is not cacheable under rule " + r.id());
    }
    if (body.length > r.maxBodyBytes()) {
      return refuse("body over " + r.maxBodyBytes() + " bytes");
    }
    Map<String, String> cc = new HashMap<>();
    // Surrogate-Control (W3C Edge Architecture): meant for a reverse-proxy cache like this one, it
    // takes precedence over Cache-Control and is not passed on to clients.
    Map<String, String> sc = new HashMap<>();
    List<String> vary = new ArrayList<>();
    String expires = null;
    String date = null;
    String etag = null;
    String lastModified = null;
    long originAge = 0;
    int ages = 0;
    Set<String> connectionListed = new java.util.HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i).toLowerCase(Locale.ROOT);
      String v = values.get(i);
      switch (n) {
        case "set-cookie" -> {
          return refuse("the answer sets a cookie");
        }
        case "cache-control" -> cacheControl(v, cc);
        case "surrogate-control" -> cacheControl(v, sc);
        case "vary" -> {
          for (String part : v.split(",")) {
            String h = part.trim().toLowerCase(Locale.ROOT);
            if (h.equals("*")) {
              return refuse("Vary: *");
            }
            if (!h.isEmpty() && !vary.contains(h)) {
              vary.add(h);
            }
          }
        }
        case "expires" -> expires = v;
        case "date" -> date = v;
        case "etag" -> etag = v.trim();
        case "last-modified" -> lastModified = v;
        case "age" -> {
          ages++;
          originAge = age(v);
        }
        case "connection" -> {
          for (String t : v.split(",")) {
            connectionListed.add(t.trim().toLowerCase(Locale.ROOT));
          }
        }
        default -> {}
      }
    }
    // A directive targeted at another surrogate ("max-age=60;other") is not ours.
    sc.values().removeIf(v -> v.contains(";"));
    if (sc.containsKey("no-store")) {
      return refuse("Surrogate-Control: no-store");
    }
    long surrogateMaxAge = sc.containsKey("max-age") ? seconds(sc.get("max-age"), -1) : -1;
    if (cc.containsKey("no-store") && surrogateMaxAge < 0) {
      return refuse("Cache-Control: no-store");
    }
    if (cc.containsKey("private") && !r.perUser()) {
      return refuse("Cache-Control: private under the shared rule " + r.id());
    }
    if (authorized
        && !r.perUser()
        && !cc.containsKey("public")
        && !cc.containsKey("s-maxage")
        && !cc.containsKey("must-revalidate")) {
      return refuse(
          "the request carried Authorization and the answer is not marked public, s-maxage or"
              + " must-revalidate (RFC 9111 §3.5)");
    }
    long ruleTtl = r.ttlSeconds() * 1000;
    long fresh = ruleTtl;
    if (!r.overrideOrigin()) {
      long origin =
          surrogateMaxAge >= 0
              ? Math.min(surrogateMaxAge, MAX_AGE) * 1000
              : originLifetimeMillis(cc, expires, date, now);
      if (origin >= 0) {
        fresh = Math.min(ruleTtl, Math.max(0, origin - originAge * 1000));
      }
    }
    long swr = r.staleWhileRevalidateSeconds() * 1000;
    if (ages > 1 || originAge < 0) {
      // Several Age headers or one that is not delta-seconds: stale (RFC 9111 §5.1).
      originAge = 0;
      fresh = 0;
      swr = 0;
    }
    if (cc.containsKey("no-cache")) {
      fresh = 0;
      swr = 0;
    }
    long sie = r.staleIfErrorSeconds() * 1000;
    if (cc.containsKey("must-revalidate") || cc.containsKey("proxy-revalidate")) {
      swr = 0;
      sie = 0;
    }
    long lm = lastModified == null ? -1 : httpDate(lastModified);
    List<String> outNames = new ArrayList<>();
    List<String> outValues = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i).toLowerCase(Locale.ROOT);
      if (!NOT_STORED.contains(n) && !connectionListed.contains(n)) {
        outNames.add(names.get(i));
        outValues.add(values.get(i));
      }
    }
    boolean validators = (etag != null && !etag.isEmpty()) || lm >= 0;
    if (date == null) {
      // A cache that stores an answer without Date adds one (RFC 9110 §6.6.1); the origin's own is
      // kept as it sent it.
      outNames.add("Date");
      outValues.add(formatDate(now));
    }
    if (etag == null || etag.isEmpty()) {
      etag = strongEtag(body);
      outNames.add("ETag");
      outValues.add(etag);
    }
    if (lm < 0) {
      lm = now / 1000 * 1000;
      outNames.add("Last-Modified");
      outValues.add(formatDate(lm));
    }
    List<String> vs = List.copyOf(vary);
    return new Decision(
        new StoredResponse(
            status,
            outNames.toArray(String[]::new),
            outValues.toArray(String[]::new),
            body,
            etag,
            lm,
            now,
            fresh,
            originAge,
            swr,
            sie,
            vs,
            vs.isEmpty() ? "" : ResponseKeys.varyValues(vs, requestHeaders),
            r.id(),
            tags,
            validators),
        null);
  }

  /**
   * An Age value: delta-seconds (RFC 9111 §1.2.2), capped at 2^31 as §1.2.2 says, or -1 if it is
   * anything else (a sign, a fraction, a unit, a parameter, a list: Age is a singleton).
   */
  static long age(String value) {
    String v = value.trim();
    if (v.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return -1;
      }
    }
    return v.length() > 10 ? MAX_AGE : Math.min(Long.parseLong(v), MAX_AGE);
  }

  private static final long MAX_AGE = 2_147_483_648L;

  /**
   * Stored headers a 304 does not replace: those the stored body depends on, and the validator it
   * matched (RFC 9111 §3.2).
   */
  private static final Set<String> KEPT_ON_304 =
      Set.of("content-encoding", "content-range", "content-md5", "etag");

  /**
   * Decides about a stored answer that the origin confirmed with a 304: the 304's headers replace
   * the stored ones of the same name (RFC 9111 §4.3.4), and the answer's freshness is decided again
   * from the result, as for a new answer with the stored status and body.
   */
  static Decision revalidate(
      CompiledRule rule,
      boolean authorized,
      StoredResponse stored,
      List<String> names,
      List<String> values,
      long now,
      Function<String, String> requestHeaders,
      List<String> tags) {
    Set<String> updated = new java.util.HashSet<>();
    for (String n : names) {
      String low = n.toLowerCase(Locale.ROOT);
      if (!NOT_STORED.contains(low) && !KEPT_ON_304.contains(low)) {
        updated.add(low);
      }
    }
    List<String> outNames = new ArrayList<>();
    List<String> outValues = new ArrayList<>();
    for (int i = 0; i < stored.names().length; i++) {
      if (!updated.contains(stored.names()[i].toLowerCase(Locale.ROOT))) {
        outNames.add(stored.names()[i]);
        outValues.add(stored.values()[i]);
      }
    }
    for (int i = 0; i < names.size(); i++) {
      if (updated.contains(names.get(i).toLowerCase(Locale.ROOT))) {
        outNames.add(names.get(i));
        outValues.add(values.get(i));
      }
    }
    return decide(
        rule,
        authorized,
        stored.status(),
        outNames,
        outValues,
        stored.body(),
        now,
        requestHeaders,
        tags);
  }

  private static Decision refuse(String why) {
    return new Decision(null, why);
  }

  /** Parses Cache-Control directives into {@code out} (names lower case, values unquoted). */
  static void cacheControl(String header, Map<String, String> out) {
    for (String part : header.split(",")) {
      String d = part.trim();
      if (d.isEmpty()) {
        continue;
      }
      int eq = d.indexOf('=');
      String name = (eq < 0 ? d : d.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : d.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      out.putIfAbsent(name, value);
    }
  }

  /**
   * The origin's freshness lifetime for a shared cache: s-maxage, else max-age, else Expires minus
   * Date (an invalid Expires means already expired); -1 if it states none.
   */
  static long originLifetimeMillis(Map<String, String> cc, String expires, String date, long now) {
    if (cc.containsKey("s-maxage")) {
      return seconds(cc.get("s-maxage"), 0) * 1000;
    }
    if (cc.containsKey("max-age")) {
      return seconds(cc.get("max-age"), 0) * 1000;
    }
    if (expires != null) {
      long e = httpDate(expires);
      if (e < 0) {
        return 0;
      }
      long d = date == null ? now : httpDate(date);
      return Math.max(0, e - (d < 0 ? now : d));
    }
    return -1;
  }

  private static long seconds(String v, long invalid) {
    try {
      long s = Long.parseLong(v.trim());
      return s < 0 ? invalid : s;
    } catch (NumberFormatException e) {
      return invalid;
    }
  }

  /** An HTTP-date in epoch milliseconds, or -1 if it is not one. */
  static long httpDate(String v) {
    try {
      return ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  static String formatDate(long millis) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(
        java.time.Instant.ofEpochMilli(millis).atZone(java.time.ZoneOffset.UTC));
  }

  /** A strong entity tag from the body: the first 128 bits of its SHA-256, base64url. */
  static String strongEtag(byte[] body) {
    byte[] h = ResponseKeys.sha256(body);
    return "\""
        + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(h, 16))
        + "\"";
  }

  /**
   * Whether {@code ifNoneMatch} matches {@code etag} by the weak comparison (RFC 9110 §13.1.2):
   * {@code *} or any listed tag equal after dropping {@code W/}.
   */
  static boolean noneMatch(String ifNoneMatch, String etag) {
    String mine = opaque(etag);
    for (String part : ifNoneMatch.split(",")) {
      String t = part.trim();
      if (t.equals("*") || opaque(t).equals(mine)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  /** Tags of an entry: the rule's fixed ones, path-variable ones filled in. */
  static List<String> tags(ResponseRule rule, Map<String, String> variables, String userTag) {
    Set<String> out = new LinkedHashSet<>();
    out.add("rule:" + rule.id());
    for (String t : rule.tags()) {
      String filled = t;
      for (Map.Entry<String, String> v : variables.entrySet()) {
        filled = filled.replace("{" + v.getKey() + "}", v.getValue());
      }
      if (filled.length() <= 100 && !filled.contains(",")) {
        out.add(filled);
      }
    }
    if (userTag != null) {
      out.add(userTag);
    }
    return List.copyOf(out);
  }
}
