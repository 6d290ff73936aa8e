package io.stratacache.http;

import io.stratacache.platform.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of rule requests into {@link ResponseRule}s, and the default rules. */
final class Rules {

  static final long MAX_TTL = 31_622_400L;
  static final int MAX_BODY = 16 * 1024 * 1024;
  static final int DEFAULT_MAX_BODY = 1024 * 1024;
  static final int MAX_TAGS = 20;
  static final int MAX_HEADERS = 10;

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /** Status codes of RFC 9110 (and 429) a rule may name. */
  private static final Set<Integer> KNOWN_STATUSES =
      Set.of(
          200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 307, 308, 400, 401, 402, 403,
          404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 426, 429,
          500, 501, 502, 503, 504, 505);

  /** Headers a rule may not key on: the caller's credentials go through scope "user" only. */
  private static final Set<String> NO_KEY_HEADERS = Set.of("authorization", "cookie");

  private Rules() {}

  /**
   * The rule {@code r} describes, with defaults filled in.
   *
   * @param pathId the id of the path on PUT, or null on POST
   * @throws InvalidInputException naming the first bad member
   */
  static ResponseRule validate(RuleRequest r, String pathId) {
    String id = r.id();
    if (pathId != null) {
      if (id != null && !id.equals(pathId)) {
        throw new InvalidInputException(
            "id in the body ('" + id + "') differs from the path's ('" + pathId + "')");
      }
      id = pathId;
    }
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "id must be 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit,"
              + " was "
              + quote(id));
    }
    PathPattern pattern;
    try {
      pattern = PathPattern.compile(r.pattern());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
    List<String> methods = new ArrayList<>();
    for (String m : r.methods() == null ? List.of("GET", "HEAD") : r.methods()) {
      String up = m == null ? "" : m.trim().toUpperCase(Locale.ROOT);
      if (!METHODS.contains(up)) {
        throw new InvalidInputException("methods: unknown method " + quote(m) + "; use " + METHODS);
      }
      if (!methods.contains(up)) {
        methods.add(up);
      }
    }
    if (methods.isEmpty()) {
      throw new InvalidInputException("methods must name at least one method");
    }
    if (r.ttlSeconds() == null) {
      throw new InvalidInputException("ttlSeconds is required: 1.." + MAX_TTL);
    }
    long ttl = r.ttlSeconds();
    if (ttl < 1 || ttl > MAX_TTL) {
      throw new InvalidInputException(
          "ttlSeconds must be between 1 and " + MAX_TTL + ", was " + ttl);
    }
    String key = r.key() == null ? "query" : r.key().trim().toLowerCase(Locale.ROOT);
    if (!key.equals("path") && !key.equals("query")) {
      throw new InvalidInputException("key must be 'path' or 'query', was " + quote(r.key()));
    }
    List<String> headers = new ArrayList<>();
    for (String h : r.headers() == null ? List.<String>of() : r.headers()) {
      if (h == null || !HEADER.matcher(h).matches()) {
        throw new InvalidInputException("headers: not a header name: " + quote(h));
      }
      String low = h.toLowerCase(Locale.ROOT);
      if (NO_KEY_HEADERS.contains(low)) {
        throw new InvalidInputException(
            "headers: " + h + " may not join the key; use scope 'user' for per-caller answers");
      }
      if (!headers.contains(low)) {
        headers.add(low);
      }
    }
    if (headers.size() > MAX_HEADERS) {
      throw new InvalidInputException("headers: at most " + MAX_HEADERS);
    }
    String scope = r.scope() == null ? "shared" : r.scope().trim().toLowerCase(Locale.ROOT);
    if (!scope.equals("shared") && !scope.equals("user")) {
      throw new InvalidInputException("scope must be 'shared' or 'user', was " + quote(r.scope()));
    }
    Set<Integer> statuses = new LinkedHashSet<>();
    for (Integer s : r.statuses() == null ? List.of(200) : r.statuses()) {
      if (s == null || !KNOWN_STATUSES.contains(s)) {
        throw new InvalidInputException("statuses: unknown status code " + s);
      }
      if (s == 304 || s == 206) {
        throw new InvalidInputException("statuses: " + s + " answers are never stored");
      }
      statuses.add(s);
    }
    if (statuses.isEmpty()) {
      throw new InvalidInputException("statuses must name at least one status code");
    }
    int maxBody = r.maxBodyBytes() == null ? DEFAULT_MAX_BODY : r.maxBodyBytes();
    if (maxBody < 1 || maxBody > MAX_BODY) {
      throw new InvalidInputException(
          "maxBodyBytes must be between 1 and " + MAX_BODY + ", was " + maxBody);
    }
    List<String> tags = new ArrayList<>();
    for (String t : r.tags() == null ? List.<String>of() : r.tags()) {
      if (t == null || t.isBlank() || t.length() > 64 || t.contains(",")) {
        throw new InvalidInputException("tags: 1-64 characters without a comma, was " + quote(t));
      }
      java.util.regex.Matcher v = Pattern.compile("\\{([^}]*)\\}").matcher(t);
      while (v.find()) {
        if (!pattern.variables().contains(v.group(1))) {
          throw new InvalidInputException(
              "tags: " + t + " names {" + v.group(1) + "}, which the pattern does not capture");
        }
      }
      if (!tags.contains(t)) {
        tags.add(t);
      }
    }
    if (tags.size() > MAX_TAGS) {
      throw new InvalidInputException("tags: at most " + MAX_TAGS);
    }
    long swr = window(r.staleWhileRevalidateSeconds(), "staleWhileRevalidateSeconds");
    long sie = window(r.staleIfErrorSeconds(), "staleIfErrorSeconds");
    String upstream = r.upstream() == null ? null : upstream(r.upstream().trim());
    return new ResponseRule(
        id,
        pattern.text(),
        List.copyOf(methods),
        ttl,
        key,
        List.copyOf(headers),
        scope,
        List.copyOf(statuses),
        maxBody,
        List.copyOf(tags),
        swr,
        sie,
        Boolean.TRUE.equals(r.overrideOrigin()),
        upstream,
        r.enabled() == null || r.enabled());
  }

  private static long window(Long value, String name) {
    if (value == null) {
      return 0;
    }
    if (value < 0 || value > MAX_TTL) {
      throw new InvalidInputException(
          name + " must be between 0 and " + MAX_TTL + ", was " + value);
    }
    return value;
  }

  /** An absolute http(s) base URL without query or fragment, trailing '/' removed. */
  static String upstream(String text) {
    URI u;
    try {
      u = new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("upstream is not a URL: " + quote(text));
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!u.isAbsolute()
        || !(scheme.equals("http") || scheme.equals("https"))
        || u.getHost() == null
        || u.getRawQuery() != null
        || u.getRawFragment() != null
        || u.getRawUserInfo() != null) {
      throw new InvalidInputException(
          "upstream must be an absolute http(s) URL without user, query or fragment, was "
              + quote(text));
    }
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static String quote(String s) {
    return s == null ? "nothing" : "'" + s + "'";
  }

  /**
   * The default rules (seed 002 mapped onto this application's endpoints; README "Response cache"
   * explains each).
   */
  static List<ResponseRule> defaults(boolean enabled) {
    List<ResponseRule> out = new ArrayList<>();
    out.add(rule("brand-list", "/api/v1/brands", 1800, "query", "shared", 0, 300, "brands"));
    out.add(rule("store-list", "/api/v1/stores", 1800, "query", "shared", 0, 300, "stores"));
    out.add(rule("cache-config", "/api/v1/cache/config", 3600, "query", "shared", 0, 0, "config"));
    out.add(rule("cache-health", "/api/v1/cache/health", 60, "query", "shared", 0, 0, "health"));
    out.add(
        rule(
            "brand-stats",
            "/api/v1/brands/{name}/stats",
            300,
            "query",
            "shared",
            60,
            600,
            "stats",
            "brand:{name}"));
    out.add(
        rule(
            "store-dashboard",
            "/api/v1/stores/{id}/dashboard",
            300,
            "query",
            "shared",
            60,
            600,
            "stats",
            "store:{id}"));
    out.add(
        rule(
            "popular-questions",
            "/api/v1/questions/popular",
            300,
            "query",
            "shared",
            60,
            600,
            "stats"));
    out.add(
        rule(
            "monitoring-metrics",
            "/api/v1/cache/monitoring/metrics/**",
            300,
            "query",
            "shared",
            0,
            0,
            "monitoring"));
    out.add(
        rule(
            "user-stats",
            "/api/v1/users/{id}/stats",
            300,
            "query",
            "user",
            0,
            0,
            "stats",
            "user-stats:{id}"));
    // liveness: its one check is a constant, but Payara's health endpoint costs ~3x a JAX-RS ping
    // per request (docs/benchmarks.md, "Request path"); only a 200 (UP) is kept, for a second
    out.add(rule("liveness", "/health/live", 1, "query", "shared", 0, 0, "health"));
    List<ResponseRule> result = new ArrayList<>();
    for (ResponseRule r : out) {
      result.add(r.withEnabled(enabled));
    }
    return List.copyOf(result);
  }

  private static ResponseRule rule(
      String id,
      String pattern,
      long ttl,
      String key,
      String scope,
      long swr,
      long sie,
      String... tags) {
    return validate(
        new RuleRequest(
            id,
            pattern,
            null,
            ttl,
            key,
            null,
            scope,
            List.of(200),
            null,
            List.of(tags),
            swr,
            sie,
            null,
            null,
            true),
        null);
  }
}
