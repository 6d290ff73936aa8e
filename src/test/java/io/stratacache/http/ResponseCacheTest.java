package io.stratacache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import io.stratacache.platform.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The response cache's request path over a near-only tiered cache and a fake backend. */
class ResponseCacheTest {

  private final Map<String, String> config = new HashMap<>();
  private TieredCaches caches;
  private ResponseCache engine;
  private final Fakes.Backend backend = new Fakes.Backend();
  private final MovableClock clock = new MovableClock();

  static final class MovableClock extends Clock {
    Instant now = Instant.now();

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void setUp() {
    config.put("cache.default.ttl-jitter", "0");
    config.put("cache.default.grid.enabled", "false");
    caches =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .clock(
                new io.stratacache.cache.CacheClock() {
                  @Override
                  public Instant instant() {
                    return clock.now;
                  }

                  @Override
                  public long nanoTime() {
                    return System.nanoTime();
                  }
                })
            .config(k -> Optional.ofNullable(config.get(k)))
            .build();
    engine =
        new ResponseCache(
            caches.cache("http-responses", Object.class),
            clock,
            // Generous time-outs: on a loaded machine the first call to a local server can take
            // over a second (class loading, the client's first connection), and a 504 stores
            // nothing. No test here relies on the time-out.
            new Upstream(Duration.ofSeconds(15), Duration.ofSeconds(15)));
  }

  @AfterEach
  void tearDown() {
    caches.close();
  }

  private static RuleRequest rule(String id, String pattern, String scope) {
    return new RuleRequest(
        id,
        pattern,
        null,
        60L,
        null,
        null,
        scope,
        null,
        null,
        pattern.contains("{name}") ? List.of("t1", "brand:{name}") : List.of("t1"),
        30L,
        600L,
        null,
        null,
        null);
  }

  private void rules(ResponseRule... rs) {
    engine.rules(RuleSet.of(List.of(rs), 1, id -> new RuleStats()));
  }

  private Fakes.Answer send(
      String method, String path, String query, Map<String, String> h, String user)
      throws Exception {
    Fakes.Answer a = new Fakes.Answer();
    CompiledRule r = engine.rules().match(path);
    if (r == null) {
      backend.chain().doFilter(Fakes.request(method, path, query, h, user), a.response());
      return a;
    }
    engine.handle(
        r, path, Fakes.request(method, path, query, h, user), a.response(), backend.chain());
    return a;
  }

  private Fakes.Answer get(String path) throws Exception {
    return send("GET", path, null, Map.of(), null);
  }

  @Test
  void get_secondRequest_hitWithAgeAndEtag() throws Exception {
    rules(Rules.validate(rule("b", "/api/v1/brands/{name}/stats", "shared"), null));
    Fakes.Answer first = get("/api/v1/brands/x/stats");
    assertEquals("MISS", first.xcache());
    Fakes.Answer second = get("/api/v1/brands/x/stats");
    assertEquals("HIT", second.xcache());
    assertEquals("{\"n\":1}", second.body());
    assertNotNull(second.header("Age"));
    assertTrue(second.header("ETag").startsWith("\""));
    assertNotNull(second.header("Last-Modified"));
    assertEquals(1, backend.calls);
  }

  @Test
  void ifNoneMatch_matching_304FromCache() throws Exception {
    rules(Rules.validate(rule("b", "/api/**", "shared"), null));
    String etag = get("/api/a").header("ETag");
    Fakes.Answer a = send("GET", "/api/a", null, Map.of("If-None-Match", "W/" + etag), null);
    assertEquals(304, a.status);
    assertEquals(0, a.body.size());
    assertEquals(etag, a.header("ETag"));
    assertEquals(1, backend.calls);
  }

  @Test
  void head_answeredFromGetEntry() throws Exception {
    rules(Rules.validate(rule("b", "/api/**", "shared"), null));
    get("/api/a");
    Fakes.Answer a = send("HEAD", "/api/a", null, Map.of(), null);
    assertEquals("HIT", a.xcache());
    assertEquals(0, a.body.size());
    assertEquals(1, backend.calls);
  }

  @Test
  void setCookie_neverStored() throws Exception {
    rules(Rules.validate(rule("b", "/api/**", "shared"), null));
    backend.headers.put("Set-Cookie", "s=1");
    assertEquals("BYPASS", get("/api/a").xcache());
    assertEquals("BYPASS", get("/api/a").xcache());
    assertEquals(2, backend.calls);
  }

  @Test
  void privateAnswer_sharedRuleNotStored_perUserRuleStored() throws Exception {
    backend.headers.put("Cache-Control", "private, max-age=60");
    rules(Rules.validate(rule("b", "/api/**", "shared"), null));
    get("/api/a");
    assertEquals("BYPASS", get("/api/a").xcache());
    rules(Rules.validate(rule("u", "/api/**", "user"), null));
    send("GET", "/api/a", null, Map.of(), "alice");
    assertEquals("HIT", send("GET", "/api/a", null, Map.of(), "alice").xcache());
  }

  @Test
  void perUser_neverServesAnotherUsersBody() throws Exception {
    rules(Rules.validate(rule("u", "/api/v1/users/**", "user"), null));
    backend.bodyOf =
        r ->
            "{\"user\":\""
                + (r.getUserPrincipal() == null ? "-" : r.getUserPrincipal().getName())
                + "\"}";
    for (int i = 0; i < 50; i++) {
      String who = i % 2 == 0 ? "alice" : "bob";
      Fakes.Answer a = send("GET", "/api/v1/users/1/stats", null, Map.of(), who);
      assertEquals("{\"user\":\"" + who + "\"}", a.body());
    }
    assertEquals(2, backend.calls);
    assertEquals("BYPASS", send("GET", "/api/v1/users/1/stats", null, Map.of(), null).xcache());
  }

  @Test
  void noStore_vary_star_notStored() throws Exception {
    rules(Rules.validate(rule("b", "/api/**", "shared"), null));
    backend.headers.put("Cache-Control", "no-store");
    get("/api/a");
    assertEquals("BYPASS", get("/api/a").xcache());
    backend.headers.clear();
    backend.headers.put("Vary", "*");
    get("/api/b");
    assertEquals("BYPASS", get("/api/b").xcache());
  }

  @Test
  void authorization_sharedRule_storedOnlyIfPublic() throws Exception {
    rules(Rules.validate(rule("b", "/api/**", "shared"), null));
    Map<String, String> auth = Map.of("Authorization", "Bearer x");
    send("GET", "/api/a", null, auth, null);
    assertEquals("BYPASS", send("GET", "/api/a", null, auth, null).xcache());
    backend.headers.put("Cache-Control", "public, max-age=60");
    send("GET", "/api/b", null, auth, null);
    assertEquals("HIT", send("GET", "/api/b", null, auth, null).xcache());
  }

  @Test
  void vary_addsNamedHeadersToKey() throws Exception {
    rules(Rules.validate(rule("b", "/api/**", "shared"), null));
    backend.headers.put("Vary", "Accept-Language");
    backend.bodyOf = r -> "{\"lang\":\"" + r.getHeader("Accept-Language") + "\"}";
    send("GET", "/api/a", null, Map.of("Accept-Language", "fr"), null);
    send("GET", "/api/a", null, Map.of("Accept-Language", "de"), null);
    Fakes.Answer fr = send("GET", "/api/a", null, Map.of("accept-language", "fr"), null);
    Fakes.Answer de = send("GET", "/api/a", null, Map.of("Accept-Language", "de"), null);
    assertEquals("HIT", fr.xcache());
    assertEquals("{\"lang\":\"fr\"}", fr.body());
    assertEquals("{\"lang\":\"de\"}", de.body());
    assertEquals(2, backend.calls);
  }

  @Test
  void maxAge_capsRuleTtl_noCacheRevalidates() throws Exception {
    rules(Rules.validate(rule("b", "/api/**", "shared"), null));
    backend.headers.put("Cache-Control", "max-age=5");
    get("/api/a");
    clock.now = clock.now.plusSeconds(6);
    Fakes.Answer a = get("/api/a");
    assertEquals("STALE", a.xcache(), "past max-age=5, within the rule's stale window");
    backend.headers.put("Cache-Control", "no-cache");
    get("/api/n");
    assertEquals("REVALIDATED", get("/api/n").xcache());
    assertEquals(3, backend.calls, "the STALE answer refreshes over loopback, not here");
  }

  @Test
  void staleIfError_backend5xx_servesStale() throws Exception {
    ResponseRule r =
        Rules.validate(
            new RuleRequest(
                "b", "/api/**", null, 10L, null, null, null, null, null, null, null, 600L, null,
                null, null),
            null);
    rules(r);
    get("/api/a");
    clock.now = clock.now.plusSeconds(11);
    backend.status = 503;
    Fakes.Answer a = get("/api/a");
    assertEquals("STALE", a.xcache());
    assertEquals(200, a.status);
  }

  @Test
  void unsafeRequest_invalidatesUrl() throws Exception {
    ResponseRule r =
        Rules.validate(
            new RuleRequest(
                "b", "/api/**", null, 60L, null, null, null, null, null, null, null, null, null,
                null, null),
            null);
    rules(r);
    get("/api/a");
    assertEquals("HIT", get("/api/a").xcache());
    send("POST", "/api/a", null, Map.of(), null);
    assertEquals("MISS", get("/api/a").xcache());
  }

  private static RuleRequest plain(String pattern, Long ttl, Long swr, Long sie, Boolean override) {
    return new RuleRequest(
        "b", pattern, null, ttl, null, null, null, null, null, null, swr, sie, override, null,
        null);
  }

  @Test
  void ifModifiedSince_notModified_304FromCache_olderDate_fullHit() throws Exception {
    rules(Rules.validate(plain("/api/**", 60L, null, null, null), null));
    String lastModified = get("/api/a").header("Last-Modified");
    Fakes.Answer same =
        send("GET", "/api/a", null, Map.of("If-Modified-Since", lastModified), null);
    assertEquals(304, same.status);
    assertEquals(0, same.body.size());
    assertEquals("HIT", same.xcache());
    Fakes.Answer older =
        send(
            "GET",
            "/api/a",
            null,
            Map.of("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"),
            null);
    assertEquals(200, older.status);
    assertEquals("{\"n\":1}", older.body());
    assertEquals(1, backend.calls);
  }

  @Test
  void originsOwnEtag_keptAndMatched() throws Exception {
    rules(Rules.validate(plain("/api/**", 60L, null, null, null), null));
    backend.headers.put("ETag", "\"v7\"");
    assertEquals("\"v7\"", get("/api/a").header("ETag"));
    Fakes.Answer a = send("GET", "/api/a", null, Map.of("If-None-Match", "\"v6\", \"v7\""), null);
    assertEquals(304, a.status);
    assertEquals(1, backend.calls);
  }

  @Test
  void overrideOrigin_ruleTtlWinsOverMaxAge() throws Exception {
    backend.headers.put("Cache-Control", "max-age=5");
    rules(Rules.validate(plain("/api/**", 60L, null, null, true), null));
    get("/api/a");
    clock.now = clock.now.plusSeconds(30);
    assertEquals("HIT", get("/api/a").xcache(), "the rule's 60 s, not the origin's 5 s");
    clock.now = clock.now.plusSeconds(31);
    assertEquals("MISS", get("/api/a").xcache());
  }

  @Test
  void expires_capsRuleTtl() throws Exception {
    backend.headers.put(
        "Expires",
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.now.plusSeconds(10).atZone(ZoneOffset.UTC)));
    rules(Rules.validate(plain("/api/**", 60L, null, null, null), null));
    get("/api/a");
    clock.now = clock.now.plusSeconds(5);
    assertEquals("HIT", get("/api/a").xcache());
    clock.now = clock.now.plusSeconds(6);
    assertEquals("MISS", get("/api/a").xcache(), "past Expires, well within the rule's 60 s");
  }

  @Test
  void mustRevalidate_switchesTheStaleWindowsOff() throws Exception {
    backend.headers.put("Cache-Control", "max-age=5, must-revalidate");
    rules(Rules.validate(plain("/api/**", 60L, 30L, 600L, null), null));
    get("/api/a");
    clock.now = clock.now.plusSeconds(6);
    backend.status = 503;
    Fakes.Answer a = get("/api/a");
    assertEquals(503, a.status, "no stale answer for must-revalidate");
    assertEquals(2, backend.calls);
  }

  @Test
  void invalidOrRepeatedAge_answerIsStale() throws Exception {
    rules(Rules.validate(plain("/api/**", 60L, null, null, null), null));
    backend.headers.put("Cache-Control", "max-age=3600");
    for (String age : List.of("abc", "-10", "1.5", "10 s", "10;a=b", "0, 0", "0,7200")) {
      backend.headers.put("Age", age);
      String path = "/api/age-" + age.hashCode();
      get(path);
      assertNotEquals("HIT", get(path).xcache(), "Age: " + age + " is not delta-seconds");
    }
    backend.headers.put("Age", "100");
    get("/api/age-ok");
    Fakes.Answer ok = get("/api/age-ok");
    assertEquals("HIT", ok.xcache());
    assertEquals("100", ok.header("Age"), "the origin's age plus the time held (0 s)");
  }

  @Test
  void surrogateControl_overridesCacheControl_notPassedOn() throws Exception {
    rules(Rules.validate(plain("/api/**", 60L, null, null, null), null));
    backend.headers.put("Cache-Control", "no-store");
    backend.headers.put("Surrogate-Control", "max-age=30");
    get("/api/s");
    Fakes.Answer hit = get("/api/s");
    assertEquals("HIT", hit.xcache(), "Surrogate-Control speaks to this cache, over no-store");
    assertNull(hit.header("Surrogate-Control"), "not for the client");
    clock.now = clock.now.plusSeconds(31);
    assertNotEquals("HIT", get("/api/s").xcache(), "its max-age=30 is the lifetime");
    backend.headers.put("Cache-Control", "max-age=600");
    backend.headers.put("Surrogate-Control", "no-store");
    get("/api/n");
    assertEquals("BYPASS", get("/api/n").xcache(), "not stored, whatever Cache-Control says");
    backend.headers.put("Surrogate-Control", "max-age=0;other-cdn");
    get("/api/t");
    assertEquals("HIT", get("/api/t").xcache(), "a directive for another surrogate is ignored");
  }

  @Test
  void date_originsKept_addedWhenMissing() throws Exception {
    rules(Rules.validate(plain("/api/**", 60L, null, null, null), null));
    get("/api/no-date");
    clock.now = clock.now.plusSeconds(5);
    Fakes.Answer added = get("/api/no-date");
    assertEquals("HIT", added.xcache());
    assertNotNull(added.header("Date"), "a stored answer without Date gets the reception time");
    assertEquals(
        SharedCachePolicy.formatDate(clock.now.minusSeconds(5).toEpochMilli()),
        added.header("Date"));
    backend.headers.put("Date", "Tue, 01 Dec 2026 10:00:00 GMT");
    get("/api/date");
    assertEquals("Tue, 01 Dec 2026 10:00:00 GMT", get("/api/date").header("Date"));
  }

  @Test
  void unsafeRequest_invalidatesEveryQueryOfItsPath_refusesOnlyFillsOfThatPath() throws Exception {
    rules(Rules.validate(plain("/api/**", 60L, null, null, null), null));
    get("/api/a");
    send("GET", "/api/a", "x=1", Map.of(), null);
    get("/api/ab");
    // A POST to /api/a lands while /api/b is being filled: /api/b's fill is still stored.
    boolean[] posted = {false};
    backend.bodyOf =
        r -> {
          if (!posted[0] && r.getRequestURI().equals("/api/b")) {
            posted[0] = true;
            try {
              send("POST", "/api/a", null, Map.of(), null);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          return backend.body;
        };
    get("/api/b");
    assertTrue(posted[0]);
    assertEquals("HIT", get("/api/b").xcache(), "another path's fill is not refused by the POST");
    assertEquals("MISS", get("/api/a").xcache());
    assertEquals("MISS", send("GET", "/api/a", "x=1", Map.of(), null).xcache());
    assertEquals("HIT", get("/api/ab").xcache(), "a path sharing the prefix is another URL");
  }

  @Test
  void unknownUnsafeMethod_success_invalidatesUrl() throws Exception {
    rules(Rules.validate(plain("/api/**", 60L, null, null, null), null));
    get("/api/a");
    assertEquals("HIT", get("/api/a").xcache());
    send("OPTIONS", "/api/a", null, Map.of(), null);
    assertEquals("HIT", get("/api/a").xcache(), "OPTIONS is safe");
    send("M-SEARCH", "/api/a", null, Map.of(), null);
    assertEquals("MISS", get("/api/a").xcache(), "an unknown method is unsafe (RFC 9110 §9.2.1)");
  }

  @Test
  void upstream_expiredMustRevalidate_conditional304UpdatesHeaders_connectionListedDropped()
      throws Exception {
    List<String> conditions = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer origin =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    origin.createContext(
        "/",
        x -> {
          String inm = x.getRequestHeaders().getFirst("If-None-Match");
          conditions.add(String.valueOf(inm));
          boolean conditional = "\"abcd\"".equals(inm);
          // The 304 carries a longer lifetime and a new header value: both replace the stored ones.
          x.getResponseHeaders()
              .add("Cache-Control", conditional ? "max-age=60" : "max-age=2, must-revalidate");
          x.getResponseHeaders().add("X-Version", conditional ? "2" : "1");
          x.getResponseHeaders().add("Content-Range", conditional ? "bytes 0-1/2" : "bytes 0-4/5");
          x.getResponseHeaders().add("ETag", "\"abcd\"");
          x.getResponseHeaders().add("Connection", "x-private");
          x.getResponseHeaders().add("X-Private", "1");
          if (conditional) {
            x.sendResponseHeaders(304, -1);
          } else {
            byte[] b = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
          }
          x.close();
        });
    origin.start();
    try {
      String up = "http://127.0.0.1:" + origin.getAddress().getPort();
      rules(
          Rules.validate(
              new RuleRequest(
                  "u", "/up/**", null, 60L, null, null, null, null, null, null, null, null, null,
                  up, null),
              null));
      Fakes.Answer first = get("/up/a");
      assertEquals(200, first.status, first.body());
      assertEquals("MISS", first.xcache());
      assertNull(first.header("X-Private"), "a header the Connection header lists is hop-by-hop");
      assertEquals("HIT", get("/up/a").xcache());
      clock.now = clock.now.plusSeconds(3);
      Fakes.Answer again = get("/up/a");
      assertEquals("REVALIDATED", again.xcache());
      assertEquals("hello", again.body());
      assertNull(again.header("X-Private"));
      assertEquals("2", again.header("X-Version"), "the 304's headers update the stored answer");
      assertEquals("bytes 0-4/5", again.header("Content-Range"), "what the stored body depends on");
      assertEquals(List.of("null", "\"abcd\""), conditions, "the expired entry's ETag was sent");
      clock.now = clock.now.plusSeconds(10);
      Fakes.Answer later = get("/up/a");
      assertEquals("HIT", later.xcache(), "fresh again for the 304's max-age=60");
      assertEquals("max-age=60", later.header("Cache-Control"));
      assertEquals(2, conditions.size());
    } finally {
      origin.stop(0);
    }
  }

  @Test
  void unsafeRequest_invalidatesSameOriginLocationAndContentLocation_notForeign() throws Exception {
    rules(Rules.validate(plain("/api/**", 60L, null, null, null), null));
    for (String p : List.of("/api/a", "/api/b", "/api/c", "/api/d")) {
      get(p);
      assertEquals("HIT", get(p).xcache(), p);
    }
    backend.headers.put("Location", "/api/b");
    backend.headers.put("Content-Location", "http://localhost:8080/api/c");
    backend.status = 201;
    send("POST", "/api/a", null, Map.of(), null);
    backend.headers.clear();
    backend.headers.put("Location", "http://elsewhere.example/api/d");
    send("PUT", "/api/a", null, Map.of(), null);
    backend.headers.clear();
    backend.status = 200;
    assertEquals("MISS", get("/api/a").xcache(), "the request's URL");
    assertEquals("MISS", get("/api/b").xcache(), "a relative Location");
    assertEquals("MISS", get("/api/c").xcache(), "a same-origin absolute Content-Location");
    assertEquals("HIT", get("/api/d").xcache(), "another origin's URL is not ours to drop");
  }

  @Test
  void unsafeRequest_failed_invalidatesNothing() throws Exception {
    rules(Rules.validate(plain("/api/**", 60L, null, null, null), null));
    get("/api/a");
    backend.status = 500;
    send("DELETE", "/api/a", null, Map.of(), null);
    backend.status = 200;
    assertEquals("HIT", get("/api/a").xcache());
  }

  @Test
  void invalidateByTag_pathVariable() throws Exception {
    rules(Rules.validate(rule("b", "/api/v1/brands/{name}/stats", "shared"), null));
    get("/api/v1/brands/Horizon%20Coffee/stats");
    get("/api/v1/brands/other/stats");
    engine.cache().invalidateByTag("brand:Horizon Coffee");
    assertEquals("MISS", get("/api/v1/brands/Horizon%20Coffee/stats").xcache());
    assertEquals("HIT", get("/api/v1/brands/other/stats").xcache());
    engine.cache().invalidateByPattern(PathPattern.compile("/api/v1/brands/**").keyGlob());
    assertEquals("MISS", get("/api/v1/brands/other/stats").xcache());
  }

  // ---------------------------------------------------------------- rules and keys

  @Test
  void match_precedence_literalBeatsWildcard() {
    RuleSet set =
        RuleSet.of(
            List.of(
                Rules.validate(rule("deep", "/api/**", "shared"), null),
                Rules.validate(rule("one", "/api/v1/*", "shared"), null),
                Rules.validate(rule("exact", "/api/v1/brands", "shared"), null)),
            1,
            id -> new RuleStats());
    assertEquals("exact", set.match("/api/v1/brands").id());
    assertEquals("one", set.match("/api/v1/stores").id());
    assertEquals("deep", set.match("/api/v1/stores/1").id());
    assertEquals("deep", set.match("/api").id());
    assertNull(set.match("/other"));
  }

  @Test
  void pattern_refusals() {
    for (String bad : List.of("", "api", "/**", "/*/x", "/a/b**", "/a/{x", "/a/{x}/{x}", "/a?b")) {
      assertThrows(IllegalArgumentException.class, () -> PathPattern.compile(bad), bad);
    }
  }

  @Test
  void validate_refusals() {
    assertThrows(
        InvalidInputException.class,
        () ->
            Rules.validate(
                new RuleRequest(
                    "a", "/api", null, -1L, null, null, null, null, null, null, null, null, null,
                    null, null),
                null));
    assertThrows(
        InvalidInputException.class,
        () ->
            Rules.validate(
                new RuleRequest(
                    "a",
                    "/api",
                    null,
                    5L,
                    null,
                    null,
                    null,
                    List.of(299),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
                null));
    assertThrows(
        InvalidInputException.class,
        () ->
            Rules.validate(
                new RuleRequest(
                    "a", "/api", null, 5L, null, null, null, null, null, null, null, null, null,
                    "ftp://x", null),
                null));
    assertThrows(
        InvalidInputException.class,
        () ->
            Rules.validate(
                new RuleRequest(
                    "a",
                    "/api",
                    null,
                    5L,
                    null,
                    List.of("Authorization"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
                null));
    assertEquals(10, Rules.defaults(true).size());
  }

  @Test
  void key_queryOrderAndHeaderCase_normalised() {
    CompiledRule r =
        new CompiledRule(
            Rules.validate(
                new RuleRequest(
                    "k",
                    "/api/**",
                    null,
                    5L,
                    "query",
                    List.of("Accept"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
                null),
            new RuleStats());
    String a =
        ResponseKeys.key(r, "/api/x", "b=2&a=1", h -> h.equals("accept") ? "json" : null, null);
    String b =
        ResponseKeys.key(r, "/api/x", "a=1&b=2", h -> h.equals("accept") ? " json" : null, null);
    assertEquals(a, b);
    assertFalse(a.equals(ResponseKeys.key(r, "/api/x", "a=1&b=2", h -> null, "alice")));
    assertTrue(a.startsWith("/api/x "));
  }

  @Test
  void policy_expiresAndSmaxage() {
    long now = 1_700_000_000_000L;
    Map<String, String> cc = new HashMap<>();
    SharedCachePolicy.cacheControl("max-age=10, s-maxage=20", cc);
    assertEquals(20_000, SharedCachePolicy.originLifetimeMillis(cc, null, null, now));
    assertEquals(
        30_000,
        SharedCachePolicy.originLifetimeMillis(
            Map.of(),
            SharedCachePolicy.formatDate(now + 30_000),
            SharedCachePolicy.formatDate(now),
            now));
    assertEquals(0, SharedCachePolicy.originLifetimeMillis(Map.of(), "0", null, now));
  }
}
