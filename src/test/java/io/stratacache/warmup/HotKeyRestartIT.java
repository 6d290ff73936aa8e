package io.stratacache.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Deployments;
import io.stratacache.testing.Http;
import io.stratacache.testing.PayaraLog;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hot keys survive a restart: brand stats read often before Payara Micro stops (and then dropped
 * from every tier, store included, so nothing else could serve them) are warmed by the start-up
 * run's {@code traffic_based} from the hot keys saved just before the stop ({@code POST
 * hot-keys/save}, as before a planned restart), so the first request for each after the restart is
 * a hit. The brands are the least reported ones, which {@code popular_brands} never warms. The
 * deployment is unmanaged so the test can stop and start Payara Micro (each start listens on a new
 * random port, read from the server log).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HotKeyRestartIT {

  static final String APP = "hot-keys-restart";

  @Deployment(name = APP, managed = false, testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource Deployer deployer;

  static long loads(Http http) {
    return http.get("/api/v1/cache/stats?cache=brand-stats")
        .ok()
        .object()
        .getJsonArray("caches")
        .getJsonObject(0)
        .getJsonNumber("loads")
        .longValue();
  }

  @Test
  void restart_keysHotBeforeIt_firstRequestsAreHits() {
    List<String> paths = new ArrayList<>();
    URL url = PayaraLog.deploy(deployer, APP);
    try {
      Http http = new Http(url);
      http.awaitDemoData();
      JsonArray brands = http.get("/api/v1/brands?limit=1000").ok().array();
      assertTrue(brands.size() > 23, "more brands than popular_brands warms: " + brands.size());
      List<String> names = new ArrayList<>();
      for (int i = brands.size() - 3; i < brands.size(); i++) {
        names.add(brands.getJsonObject(i).getString("name"));
        paths.add("/api/v1/brands/" + Http.segment(names.get(names.size() - 1)) + "/stats");
      }
      for (int round = 0; round < 40; round++) {
        for (String p : paths) {
          http.get(p).ok();
        }
      }
      JsonObject hot = http.get("/api/v1/cache/warmup/hot-keys?limit=10").ok().object();
      String hotKeys = hot.getJsonObject("caches").getJsonArray("brand-stats").toString();
      for (String n : names) {
        assertTrue(hotKeys.contains("\"" + n + "\""), n + " is hot before the restart: " + hot);
      }
      Http.Answer cleared =
          http.send(
              HttpRequest.newBuilder(http.uri("/api/v1/cache/clear"))
                  .header("Authorization", Auth.admin(http.uri("")))
                  .DELETE());
      assertTrue(cleared.status() < 300, cleared.body());
      // What an operator does before a planned restart (the save timer's 5 minutes are not waited
      // for). The shutdown save alone is best effort: in a full suite run Payara's shutdown order
      // sometimes left nothing saved, so the test does not rely on it.
      Http.Answer saved =
          http.send(
              HttpRequest.newBuilder(http.uri("/api/v1/cache/warmup/hot-keys/save"))
                  .header("Authorization", Auth.admin(http.uri("")))
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertEquals(200, saved.status(), saved.body());
      assertTrue(saved.object().getInt("recentRows") >= names.size(), saved.body());
    } finally {
      deployer.undeploy(APP);
    }
    url = PayaraLog.deploy(deployer, APP);
    try {
      Http http = new Http(url);
      http.awaitDemoData(); // and the start-up warm-up
      long before = loads(http);
      for (String p : paths) {
        http.get(p).ok();
      }
      assertEquals(before, loads(http), "each hot brand's stats were warm: " + paths);
    } finally {
      deployer.undeploy(APP);
    }
  }
}
