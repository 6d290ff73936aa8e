package io.stratacache.cache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Deployments;
import io.stratacache.testing.Http;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JSR-107 MXBeans of an annotation-driven cache, read the way JConsole or VisualVM read them:
 * over the JVM's JMX connector (the H2 half's Payara Micro runs with {@code
 * com.sun.management.jmxremote.port=${it.jmx.port}}, bound to loopback) while requests go to the
 * annotated endpoint. {@code brand-stats} has {@code cache.brand-stats.jcache.statistics} and
 * {@code .management} on in that run.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JCacheMXBeanIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;
  Http http;
  JMXConnector connector;
  MBeanServerConnection jmx;

  @BeforeEach
  void connect() throws Exception {
    http = new Http(base);
    http.awaitDemoData();
    int port = Integer.getInteger("it.jmx.port", 9875);
    connector =
        JMXConnectorFactory.connect(
            new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
    jmx = connector.getMBeanServerConnection();
  }

  @AfterEach
  void disconnect() throws Exception {
    if (connector != null) {
      connector.close();
    }
  }

  @Test
  void annotatedCache_statisticsFollowRequests_overTheJmxConnector() throws Exception {
    String brand =
        http.get("/api/v1/brands?limit=2").ok().array().getJsonObject(1).getString("name");
    String path = "/api/v1/brands/" + Http.segment(brand) + "/stats";
    clear("brand-stats");
    http.get(path).ok(); // makes sure the beans exist (registered on the cache's first use)
    ObjectName statistics = only("javax.cache:type=CacheStatistics,Cache=brand-stats,*");
    clear("brand-stats");
    long hits = attribute(statistics, "CacheHits");
    long misses = attribute(statistics, "CacheMisses");

    http.get(path).ok();
    assertEquals(misses + 1, attribute(statistics, "CacheMisses"), "the first request misses");
    assertEquals(hits, attribute(statistics, "CacheHits"));

    http.get(path).ok();
    http.get(path).ok();
    assertEquals(hits + 2, attribute(statistics, "CacheHits"), "the next two hit");
    assertEquals(misses + 1, attribute(statistics, "CacheMisses"));
    float percentage = (Float) jmx.getAttribute(statistics, "CacheHitPercentage");
    assertTrue(percentage > 0 && percentage <= 100, "hit percentage " + percentage);
  }

  @Test
  void annotatedCache_configurationBeanAnswers() throws Exception {
    String brand =
        http.get("/api/v1/brands?limit=1").ok().array().getJsonObject(0).getString("name");
    http.get("/api/v1/brands/" + Http.segment(brand) + "/stats").ok();

    ObjectName configuration = only("javax.cache:type=CacheConfiguration,Cache=brand-stats,*");

    assertEquals(Boolean.TRUE, jmx.getAttribute(configuration, "StatisticsEnabled"));
    assertEquals(Boolean.TRUE, jmx.getAttribute(configuration, "ManagementEnabled"));
    assertEquals(Boolean.TRUE, jmx.getAttribute(configuration, "ReadThrough"));
  }

  @Test
  void cacheWithoutStatistics_hasNoStatisticsBean() throws Exception {
    http.get("/api/v1/brands?limit=3").ok(); // brand-list: statistics off in this run

    assertEquals(Set.of(), jmx.queryNames(new ObjectName("javax.cache:Cache=brand-list,*"), null));
  }

  private ObjectName only(String pattern) throws Exception {
    Set<ObjectName> names = jmx.queryNames(new ObjectName(pattern), null);
    assertEquals(1, names.size(), pattern + " matched " + names);
    return names.iterator().next();
  }

  private long attribute(ObjectName name, String attribute) throws Exception {
    return ((Number) jmx.getAttribute(name, attribute)).longValue();
  }

  private void clear(String cache) {
    Http.Answer a =
        http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/cache/clear?cache=" + cache))
                .header("Authorization", Auth.admin(base))
                .DELETE());
    assertEquals(200, a.status(), a.body());
  }
}
