package io.stratacache.cache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Deployments;
import io.stratacache.testing.Http;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The read endpoints are cached through the standard JSR-107 annotations: a repeated request does
 * not run the method again (the cache's load count does not move), "not found" is cached too, and
 * concurrent misses run the method once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnnotationCachingIT {

  /** The admin's {@code Authorization} value. */
  String admin() {
    return Auth.admin(base);
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;
  Http http;
  String range;

  @BeforeEach
  void ready() {
    http = new Http(base);
    LocalDate anchor = LocalDate.parse(http.awaitDemoData().getString("anchorDate"));
    range = "from=" + anchor.minusDays(60) + "&to=" + anchor.minusDays(1);
  }

  JsonObject stats(String cache) {
    JsonObject answer = http.get("/api/v1/cache/stats?cache=" + cache).ok().object();
    return answer.getJsonArray("caches").getJsonObject(0);
  }

  long loads(String cache) {
    return stats(cache).getJsonNumber("loads").longValue();
  }

  void clear(String cache) {
    Http.Answer a =
        http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/cache/clear?cache=" + cache))
                .header("Authorization", admin())
                .DELETE());
    assertEquals(200, a.status(), a.body());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "brand-stats,       /api/v1/brands/{brand}/stats",
    "brand-list,        /api/v1/brands?limit=7",
    "recent-reports,    /api/v1/reports/recent?limit=13",
    "popular-questions, /api/v1/questions/popular?limit=9",
    "user-stats,        /api/v1/users/3/stats",
    "store-list,        /api/v1/stores"
  })
  void secondRequest_doesNotRunTheMethod(String cache, String template) {
    String brand =
        http.get("/api/v1/brands?limit=1").ok().array().getJsonObject(0).getString("name");
    String path = template.replace("{brand}", Http.segment(brand)).replace("{range}", range);
    clear(cache);
    long before = loads(cache);
    // user-stats needs a token (the user's or the admin's); the others ignore it
    String first = http.get(path, admin()).ok().body();
    assertEquals(before + 1, loads(cache), "the first request runs the method");
    long hits = stats(cache).getJsonNumber("hits").longValue();
    String second = http.get(path, admin()).ok().body();
    assertEquals(before + 1, loads(cache), "the second request is served from the cache");
    assertEquals(first, second, "the same answer");
    assertTrue(stats(cache).getJsonNumber("hits").longValue() > hits, "counted as a hit");
  }

  @Test
  void unknownBrand_notFoundCached() {
    clear("brand-stats");
    clear("brand-not-found");
    long before = loads("brand-stats");
    http.get("/api/v1/brands/" + Http.segment("Nobody Knows") + "/stats").error(404);
    JsonObject second =
        http.get("/api/v1/brands/" + Http.segment("Nobody Knows") + "/stats").error(404);
    assertTrue(second.getString("detail").contains("Nobody Knows"));
    assertEquals(before + 1, loads("brand-stats"), "the unknown brand was looked up once");
  }

  @Test
  void concurrentMisses_oneLoad() throws Exception {
    String brand =
        http.get("/api/v1/brands?limit=3").ok().array().getJsonObject(2).getString("name");
    clear("brand-stats");
    long before = loads("brand-stats");
    String path = "/api/v1/brands/" + Http.segment(brand) + "/stats";
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<Http.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(pool.submit(() -> http.get(path)));
      }
      for (Future<Http.Answer> a : answers) {
        a.get().ok();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(before + 1, loads("brand-stats"), "20 concurrent requests ran the method once");
  }

  @Test
  void metrics_reflectCacheHits() {
    http.get("/api/v1/stores").ok();
    http.get("/api/v1/stores").ok();
    String metrics = http.get("/metrics").body();
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("stratacache_cache_hits")
                        && l.contains("cache=\"store-list\"")
                        && !l.endsWith(" 0")
                        && !l.endsWith(" 0.0")),
        "a non-zero stratacache_cache_hits line for store-list");
  }
}
