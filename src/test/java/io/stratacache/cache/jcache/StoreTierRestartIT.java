package io.stratacache.cache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Deployments;
import io.stratacache.testing.Http;
import io.stratacache.testing.PayaraLog;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store tier survives a full restart: an entry cached before Payara Micro stops is served after
 * it starts again, from the database, without running the method. The deployment is unmanaged so
 * the test can stop and start Payara Micro; each start listens on a new random port, read from the
 * server log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreTierRestartIT {

  static final String APP = "restartable";

  @Deployment(name = APP, managed = false, testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource Deployer deployer;

  static JsonObject cacheStats(Http http, String cache) {
    return http.get("/api/v1/cache/stats?cache=" + cache)
        .ok()
        .object()
        .getJsonArray("caches")
        .getJsonObject(0);
  }

  static long tierHits(JsonObject stats, String tier) {
    for (JsonValue t : stats.getJsonArray("tiers")) {
      if (t.asJsonObject().getString("tier").equals(tier)) {
        return t.asJsonObject().getJsonNumber("hits").longValue();
      }
    }
    throw new AssertionError("no tier " + tier + " in " + stats);
  }

  @Test
  void restart_storeTierEntryServedWithoutLoading() {
    URL url = PayaraLog.deploy(deployer, APP);
    String path;
    String before;
    try {
      Http http = new Http(url);
      http.awaitDemoData();
      // The least reported brand: the start-up warm-up (top 20) never touches it.
      var brands = http.get("/api/v1/brands?limit=1000").ok().array();
      String brand = brands.getJsonObject(brands.size() - 1).getString("name");
      path = "/api/v1/brands/" + Http.segment(brand) + "/stats";
      before = http.get(path).ok().body();
    } finally {
      deployer.undeploy(APP);
    }
    url = PayaraLog.deploy(deployer, APP);
    try {
      Http http = new Http(url);
      http.awaitDemoData();
      // The start-up run may load keys of its own (hot keys restored from every earlier test
      // class on this database, ranked anew): count the loads of this request alone.
      JsonObject start = cacheStats(http, "brand-stats");
      long storeHits = tierHits(start, "store");
      long loads = start.getJsonNumber("loads").longValue();
      String after = http.get(path).ok().body();
      assertEquals(before, after);
      JsonObject stats = cacheStats(http, "brand-stats");
      assertEquals(
          loads,
          stats.getJsonNumber("loads").longValue(),
          "served without running the method: " + stats);
      // From the store tier: on this request (a store hit), or already during the start-up run
      // when the read before the restart was sampled as a hot key (traffic_based copies it up from
      // the store). The start-up run's lookups are counted apart from client traffic
      // (warmupRequests, not the tiers' hits), so in that case this request is a near hit after a
      // warm-up that looked keys up.
      long nearHits = tierHits(start, "near");
      boolean storeServedThisRequest = tierHits(stats, "store") >= storeHits + 1;
      boolean warmedBeforeThisRequest =
          start.getJsonNumber("warmupRequests").longValue() > 0
              && tierHits(stats, "near") == nearHits + 1;
      assertTrue(
          storeServedThisRequest || warmedBeforeThisRequest, "from the store tier: " + stats);
    } finally {
      deployer.undeploy(APP);
    }
  }
}
