package io.stratacache.cache.cluster;

import static io.stratacache.cache.cluster.ClusterNodes.get;
import static io.stratacache.cache.cluster.ClusterNodes.set;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratacache.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Grid entries survive the loss of an instance: each has a backup on another member, so killing the
 * instance that wrote them loses none.
 */
class FailoverClusterIT {

  static ClusterNodes nodes;

  @BeforeAll
  static void startCluster() {
    nodes = ClusterNodes.start("failover");
  }

  @AfterAll
  static void stopCluster() {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void killingOneInstance_losesNoGridEntries() {
    Http a = nodes.a.http();
    Http b = nodes.b.http();
    int n = 60;
    for (int i = 0; i < n; i++) {
      // brand-list keeps no store tier: what B finds after A dies comes from the grid.
      set(a, "brand-list", "it:failover:" + i, "{\"i\":" + i + "}");
    }
    nodes.a.kill();
    // Until the grid notices that A died and promotes the backups (seconds), reads of A's
    // partitions time out on B and answer "absent"; the entries are not lost, so wait for them.
    long deadline = System.currentTimeMillis() + 90_000;
    for (int i = 0; i < n; i++) {
      String expected = "{\"i\":" + i + "}";
      String found = get(b, "brand-list", "it:failover:" + i);
      while (!expected.equals(found) && System.currentTimeMillis() < deadline) {
        sleepQuietly(500);
        found = get(b, "brand-list", "it:failover:" + i);
      }
      assertEquals(expected, found, "entry " + i);
    }
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
