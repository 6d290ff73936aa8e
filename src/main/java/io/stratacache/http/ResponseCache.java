package io.stratacache.http;

import io.stratacache.cache.CacheLoader;
import io.stratacache.cache.FillFence;
import io.stratacache.cache.Lookup;
import io.stratacache.cache.TieredCache;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The response cache's request path: finds the rule of a request, answers from the tiered cache
 * {@code http-responses} when it can, and otherwise calls the backend (the rest of the filter
 * chain, or the rule's upstream) once per key in the cluster through the cache's single-flight
 * load.
 *
 * <p>Every answer under a rule carries {@code X-Cache}: HIT (fresh from the cache, or a coalesced
 * miss that another caller loaded), MISS (this request called the backend), STALE (served after
 * expiry within a stale window), REVALIDATED (the backend confirmed the stored answer) or BYPASS
 * (the rule covers the request but the cache could not use or keep the answer). Thread-safe.
 */
final class ResponseCache {

  private static final Logger LOG = Logger.getLogger(ResponseCache.class.getName());

  /** Marks the loopback request of a background refresh (with this instance's secret). */
  static final String REFRESH_HEADER = "x-stratacache-refresh";

  static final String HIT = "HIT";
  static final String MISS = "MISS";
  static final String STALE = "STALE";
  static final String BYPASS = "BYPASS";
  static final String REVALIDATED = "REVALIDATED";

  /**
   * The safe methods (RFC 9110 §9.2.1); every other one, unknown ones included, is unsafe and a
   * success invalidates (RFC 9111 §4.4).
   */
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final TieredCache<Object> cache;
  private final Clock clock;
  private final Upstream upstream;
  private final String secret = UUID.randomUUID().toString();
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
  private final HttpClient loopback =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private volatile RuleSet rules = RuleSet.EMPTY;

  ResponseCache(TieredCache<Object> cache, Clock clock, Upstream upstream) {
    this.cache = cache;
    this.clock = clock;
    this.upstream = upstream;
  }

  RuleSet rules() {
    return rules;
  }

  void rules(RuleSet set) {
    rules = set;
  }

  TieredCache<Object> cache() {
    return cache;
  }

  // ------------------------------------------------------------------ the request path

  /** Serves a request that {@code rule} covers; {@code path} is within the application. */
  void handle(
      CompiledRule rule,
      String path,
      HttpServletRequest req,
      HttpServletResponse res,
      FilterChain chain)
      throws IOException, ServletException {
    String method = req.getMethod();
    if (!rule.caches(method)) {
      pass(rule, path, req, res, chain);
      return;
    }
    String caller = null;
    if (rule.rule().perUser()) {
      Principal p = req.getUserPrincipal();
      if (p == null || p.getName() == null || p.getName().isEmpty()) {
        pass(rule, path, req, res, chain);
        return;
      }
      caller = p.getName();
    }
    Function<String, String> headers = req::getHeader;
    String base = ResponseKeys.key(rule, path, req.getQueryString(), headers, caller);
    String key = base;
    long now = clock.millis();
    Object found = peek(key);
    if (found instanceof VaryIndex vary) {
      key = ResponseKeys.variant(base, vary.names(), headers);
      found = peek(key);
    }
    if (found instanceof StoredResponse hit && hit.fresh(now) && varies(hit, headers)) {
      rule.stats().hits.increment();
      write(rule, hit, req, res, HIT, now);
      return;
    }
    boolean refresh = secret.equals(req.getHeader(REFRESH_HEADER));
    StoredResponse stale =
        peek(key + ResponseKeys.STALE) instanceof StoredResponse s && varies(s, headers) ? s : null;
    if (stale != null && !refresh && stale.withinStaleWhileRevalidate(now)) {
      rule.stats().stale.increment();
      write(rule, stale, req, res, STALE, now);
      refreshLater(key, req);
      return;
    }
    if (method.equals("HEAD")) {
      // A HEAD answer has no body: it cannot fill the GET entry.
      rule.stats().bypass.increment();
      pass(rule, path, req, res, chain);
      return;
    }
    Fill fill =
        new Fill(
            rule,
            base,
            path,
            req,
            res,
            chain,
            stale,
            caller == null ? null : ResponseKeys.userTag(caller));
    Object got;
    try {
      got = cache.get(key, fill);
    } catch (io.stratacache.cache.CacheLoadException e) {
      if (!fill.ran) {
        rule.stats().bypass.increment();
        pass(rule, path, req, res, chain);
        return;
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof ServletException se) {
        throw se;
      }
      throw e;
    } catch (Pass p) {
      if (p.fill == fill && p.serve != null) {
        if (fill.revalidated) {
          rule.stats().revalidated.increment();
        } else {
          rule.stats().misses.increment();
        }
        write(rule, p.serve, req, res, fill.revalidated ? REVALIDATED : MISS, clock.millis());
        return;
      }
      rule.stats().bypass.increment();
      if (p.fill == fill) {
        if (p.response != null) {
          p.response.writeTo(res, BYPASS, method.equals("HEAD"));
        }
      } else {
        pass(rule, path, req, res, chain);
      }
      return;
    } catch (BackendFailure f) {
      long at = clock.millis();
      if (stale != null && stale.withinStaleIfError(at)) {
        rule.stats().stale.increment();
        write(rule, stale, req, res, STALE, at);
        return;
      }
      if (f.fill == fill) {
        rule.stats().misses.increment();
        if (f.response != null) {
          f.response.writeTo(res, MISS, method.equals("HEAD"));
        } else {
          res.setHeader("X-Cache", MISS);
          res.setStatus(f.timedOut ? 504 : 502);
          res.setContentType("application/json");
          res.getOutputStream()
              .write(
                  ("{\"error\":\""
                          + (f.timedOut ? "gateway_timeout" : "bad_gateway")
                          + "\",\"detail\":\"the upstream did not answer\"}")
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      } else {
        pass(rule, path, req, res, chain);
      }
      return;
    }
    if (got instanceof VaryIndex vary) {
      got = peek(ResponseKeys.variant(base, vary.names(), headers));
    }
    if (!(got instanceof StoredResponse entry) || !varies(entry, headers)) {
      rule.stats().bypass.increment();
      pass(rule, path, req, res, chain);
      return;
    }
    String kind;
    if (!fill.ran) {
      kind = HIT;
      rule.stats().hits.increment();
    } else if (fill.revalidated) {
      kind = REVALIDATED;
      rule.stats().revalidated.increment();
    } else {
      kind = MISS;
      rule.stats().misses.increment();
    }
    write(rule, entry, req, res, kind, clock.millis());
  }

  private Object peek(String key) {
    Lookup<Object> l = cache.peek(key);
    return l instanceof Lookup.Present<Object> p ? p.value() : null;
  }

  private static boolean varies(StoredResponse r, Function<String, String> headers) {
    return r.vary().isEmpty() || r.varyValues().equals(ResponseKeys.varyValues(r.vary(), headers));
  }

  /** Writes a stored answer, or 304 when the request's validators match it. */
  private void write(
      CompiledRule rule,
      StoredResponse r,
      HttpServletRequest req,
      HttpServletResponse res,
      String kind,
      long now)
      throws IOException {
    String age = Long.toString(r.age(now));
    if (notModified(r, req)) {
      rule.stats().notModified.increment();
      res.setStatus(304);
      for (int i = 0; i < r.names().length; i++) {
        String n = r.names()[i].toLowerCase(Locale.ROOT);
        if (n.equals("etag")
            || n.equals("cache-control")
            || n.equals("expires")
            || n.equals("vary")
            || n.equals("content-location")
            || n.equals("last-modified")) {
          res.addHeader(r.names()[i], r.values()[i]);
        }
      }
      res.setHeader("Age", age);
      res.setHeader("X-Cache", kind);
      return;
    }
    res.setStatus(r.status());
    String[] names = r.names();
    String[] values = r.values();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase("content-type")) {
        res.setContentType(values[i]);
      } else {
        res.addHeader(names[i], values[i]);
      }
    }
    res.setHeader("Age", age);
    res.setHeader("X-Cache", kind);
    byte[] body = r.body();
    res.setContentLength(body.length);
    if (!req.getMethod().equals("HEAD") && body.length > 0) {
      res.getOutputStream().write(body);
      rule.stats().bytesServed.add(body.length);
    }
  }

  private static boolean notModified(StoredResponse r, HttpServletRequest req) {
    if (r.status() != 200) {
      return false;
    }
    String inm = req.getHeader("If-None-Match");
    if (inm != null) {
      return SharedCachePolicy.noneMatch(inm, r.etag());
    }
    String ims = req.getHeader("If-Modified-Since");
    if (ims != null) {
      long since = SharedCachePolicy.httpDate(ims);
      return since >= 0 && r.lastModified() <= since;
    }
    return false;
  }

  /**
   * Sends the request to the backend without the cache: methods the rule does not cache, callers a
   * per-user rule cannot key, and answers the cache may not keep. A successful unsafe request
   * invalidates the entries of its URL and of same-origin Location / Content-Location.
   */
  private void pass(
      CompiledRule rule,
      String path,
      HttpServletRequest req,
      HttpServletResponse res,
      FilterChain chain)
      throws IOException, ServletException {
    int status;
    String location;
    String contentLocation;
    if (rule.rule().upstream() != null) {
      Captured c;
      try {
        c = upstream.call(rule.rule().upstream(), req, path, null, null);
      } catch (Upstream.Unavailable e) {
        res.setHeader("X-Cache", BYPASS);
        res.sendError(e.timedOut ? 504 : 502);
        return;
      }
      c.writeTo(res, BYPASS, req.getMethod().equals("HEAD"));
      status = c.status();
      location = c.header("Location");
      contentLocation = c.header("Content-Location");
    } else {
      res.setHeader("X-Cache", BYPASS);
      chain.doFilter(req, res);
      status = res.getStatus();
      location = res.getHeader("Location");
      contentLocation = res.getHeader("Content-Location");
    }
    if (!rule.caches(req.getMethod())) {
      rule.stats().bypass.increment();
    }
    if (!SAFE.contains(req.getMethod()) && status >= 200 && status < 400) {
      invalidateUrl(path);
      invalidateLocation(req, location);
      invalidateLocation(req, contentLocation);
    }
  }

  private void invalidateUrl(String path) {
    try {
      cache.invalidateByTag(ResponseKeys.urlTag(path));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "invalidating {0} failed: {1}", new Object[] {path, e.toString()});
    }
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  private void invalidateLocation(HttpServletRequest req, String location) {
    if (location == null) {
      return;
    }
    URI u;
    try {
      u = URI.create(location.trim());
    } catch (IllegalArgumentException e) {
      return;
    }
    if (u.isAbsolute()) {
      boolean same =
          req.getServerName().equalsIgnoreCase(u.getHost())
              && (u.getPort() == -1 ? defaultPort(u.getScheme()) : u.getPort())
                  == req.getServerPort()
              && req.getScheme().equalsIgnoreCase(u.getScheme());
      if (!same) {
        return;
      }
    }
    String p = u.getRawPath();
    if (p == null || p.isEmpty()) {
      return;
    }
    String ctx = req.getContextPath();
    if (!ctx.isEmpty() && p.startsWith(ctx)) {
      p = p.substring(ctx.length());
    }
    if (rules.match(p) != null) {
      invalidateUrl(p);
    }
  }

  /**
   * Refreshes {@code key} in the background by a loopback request carrying this instance's refresh
   * secret, which takes the miss path (one backend call in the cluster); at most one per key at a
   * time on this instance.
   */
  private void refreshLater(String key, HttpServletRequest req) {
    if (!refreshing.add(key)) {
      return;
    }
    try {
      String q = req.getQueryString();
      URI uri =
          URI.create(
              "http://127.0.0.1:"
                  + req.getLocalPort()
                  + req.getRequestURI()
                  + (q == null ? "" : "?" + q));
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
      for (String name : Collections.list(req.getHeaderNames())) {
        String low = name.toLowerCase(Locale.ROOT);
        if (low.equals("host")
            || low.equals("connection")
            || low.equals("content-length")
            || low.startsWith("if-")
            || low.equals(REFRESH_HEADER)) {
          continue;
        }
        for (String v : Collections.list(req.getHeaders(name))) {
          try {
            b.header(name, v);
          } catch (IllegalArgumentException restricted) {
            // set by the client itself
          }
        }
      }
      b.header(REFRESH_HEADER, secret);
      loopback
          .sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
          .whenComplete((r, e) -> refreshing.remove(key));
    } catch (RuntimeException e) {
      refreshing.remove(key);
      LOG.log(Level.FINE, "background refresh of {0} not started: {1}", new Object[] {key, e});
    }
  }

  // ------------------------------------------------------------------ the load

  /** The answer is not kept (the owner has it in hand; others call the backend themselves). */
  static final class Pass extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Fill fill;
    final transient Captured response;
    final transient StoredResponse serve;

    Pass(Fill fill, Captured response, String why) {
      this(fill, response, null, why);
    }

    Pass(Fill fill, Captured response, StoredResponse serve, String why) {
      super(why, null, false, false);
      this.fill = fill;
      this.response = response;
      this.serve = serve;
    }
  }

  /** The backend failed: 5xx, a timeout or an unreachable upstream. */
  static final class BackendFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Fill fill;
    final transient Captured response;
    final boolean timedOut;

    BackendFailure(Fill fill, Captured response, boolean timedOut, String why) {
      super(why, null, false, false);
      this.fill = fill;
      this.response = response;
      this.timedOut = timedOut;
    }
  }

  /** One backend call for one key, run by the single-flight owner in its request thread. */
  final class Fill implements CacheLoader<Object> {
    private final CompiledRule rule;
    private final String base;
    private final String path;
    private final HttpServletRequest req;
    private final HttpServletResponse res;
    private final FilterChain chain;
    private final StoredResponse stale;
    private final String userTag;
    boolean ran;
    boolean revalidated;

    Fill(
        CompiledRule rule,
        String base,
        String path,
        HttpServletRequest req,
        HttpServletResponse res,
        FilterChain chain,
        StoredResponse stale,
        String userTag) {
      this.rule = rule;
      this.base = base;
      this.path = path;
      this.req = req;
      this.res = res;
      this.chain = chain;
      this.stale = stale;
      this.userTag = userTag;
    }

    /** What this fill saw before calling the backend (see {@link TieredCache#openFill}). */
    private FillFence fence;

    @Override
    public Object load(String key) throws Exception {
      ran = true;
      // Before the backend is called: an invalidation of these keys or tags on any instance after
      // this point keeps the answer out of every tier (a fill racing a write's tag invalidation
      // would otherwise store the answer the write made old).
      Set<String> tags = new java.util.HashSet<>(rule.tags(path, userTag));
      if (stale != null) {
        tags.addAll(stale.tags()); // a revalidated answer keeps its own
      }
      fence = cache.openFill(List.of(key, key + ResponseKeys.STALE, base), tags);
      long start = System.nanoTime();
      Captured c;
      String up = rule.rule().upstream();
      try {
        if (up != null) {
          c =
              upstream.call(
                  up,
                  req,
                  path,
                  stale == null ? null : stale.header("ETag"),
                  stale == null ? null : stale.header("Last-Modified"));
        } else {
          CapturingResponse capture =
              new CapturingResponse(res, rule.rule().maxBodyBytes(), BYPASS);
          chain.doFilter(req, capture);
          c = capture.captured();
        }
      } catch (Upstream.Unavailable e) {
        throw new BackendFailure(this, null, e.timedOut, e.getMessage());
      } finally {
        rule.stats().backendCalls.increment();
        rule.stats().backendNanos.add(System.nanoTime() - start);
      }
      if (c.spilled()) {
        throw new Pass(this, null, "streamed: over the body limit or an error page");
      }
      if (c.status() >= 500) {
        throw new BackendFailure(this, c, false, "backend answered " + c.status());
      }
      long now = clock.millis();
      if (c.status() == 304 && stale != null) {
        revalidated = true;
        SharedCachePolicy.Decision d =
            SharedCachePolicy.revalidate(
                rule,
                req.getHeader("Authorization") != null,
                stale,
                c.names(),
                c.values(),
                now,
                req::getHeader,
                rule.tags(path, userTag));
        if (!d.stored()) {
          // The updated headers forbid keeping it (no-store, Set-Cookie...): drop the copy.
          cache.invalidate(key + ResponseKeys.STALE);
          throw new Pass(this, null, stale.revalidated(now), d.refusal());
        }
        StoredResponse again = d.response();
        if (!store(key, again)) {
          throw new Pass(this, null, again, "revalidated; not kept fresh");
        }
        return again;
      }
      SharedCachePolicy.Decision d =
          SharedCachePolicy.decide(
              rule,
              req.getHeader("Authorization") != null,
              c.status(),
              c.names(),
              c.values(),
              c.body(),
              now,
              req::getHeader,
              rule.tags(path, userTag));
      if (!d.stored()) {
        throw new Pass(this, c, d.refusal());
      }
      StoredResponse entry = d.response();
      if (stale != null && stale.etag().equals(entry.etag())) {
        revalidated = true;
      }
      if (!store(key, entry)) {
        throw new Pass(this, null, entry, "not kept fresh (no freshness, or invalidated)");
      }
      return entry;
    }

    /**
     * Stores {@code entry}, each key only if no invalidation overtook this fill ({@link
     * TieredCache#putIfCurrent}); false if no fresh copy was kept (no freshness, or an invalidation
     * of its keys or tags on any instance since the fill began).
     */
    private boolean store(String key, StoredResponse entry) {
      String target = key;
      Duration keep =
          Duration.ofMillis(entry.staleRetentionMillis(rule.rule().ttlSeconds() * 1000));
      Set<String> tags = Set.copyOf(entry.tags());
      if (!entry.vary().isEmpty()) {
        if (!cache.putIfCurrent(fence, base, new VaryIndex(entry.vary()), keep, tags)) {
          return false;
        }
        target = ResponseKeys.variant(base, entry.vary(), req::getHeader);
      }
      // The stale copy serves the windows and, when the origin gave a validator, the conditional
      // request once the entry expired (RFC 9111 §4.3.1).
      boolean windows = entry.staleMillis() > 0 || entry.errorMillis() > 0;
      if (windows || entry.freshMillis() == 0 || entry.originValidators()) {
        if (!cache.putIfCurrent(fence, target + ResponseKeys.STALE, entry, keep, tags)) {
          return false;
        }
      }
      if (entry.freshMillis() == 0) {
        return false;
      }
      return cache.putIfCurrent(
          fence, target, entry, Duration.ofMillis(entry.retentionMillis()), tags);
    }
  }
}
