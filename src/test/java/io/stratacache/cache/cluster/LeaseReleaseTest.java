package io.stratacache.cache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.hazelcast.map.IMap;
import io.stratacache.cache.LoadCoordinator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every lease a bulk load takes is released when the load closes it, however many are closed at
 * once: releases used to share the coordinator's call executor (32 threads, no queue), which
 * refused the ones beyond its 32nd, and those leases then blocked every later miss of their keys
 * until they expired (30 s).
 */
class LeaseReleaseTest {
  private static TwoMembers members;

  @BeforeAll
  static void cluster() {
    members = new TwoMembers();
  }

  @AfterAll
  static void stop() {
    members.close();
  }

  @Test
  void tryAcquireAll_thousandLeasesClosedAtOnce_everyOneReleased() throws Exception {
    HazelcastLoadCoordinator coordinator = HazelcastLoadCoordinator.create(members.a);
    try {
      IMap<String, String> leases = members.a.getMap(HazelcastLoadCoordinator.MAP);
      List<LoadCoordinator.Lease> all = new ArrayList<>();
      for (int batch = 0; batch < 4; batch++) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
          keys.add("k" + batch + "-" + i);
        }
        Map<String, LoadCoordinator.Lease> granted =
            coordinator.tryAcquireAll(
                "release-test", keys, Duration.ofSeconds(30), Duration.ofSeconds(2));
        assertEquals(256, granted.size());
        all.addAll(granted.values());
      }
      assertEquals(1_024, leases.size());

      all.forEach(LoadCoordinator.Lease::close);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((leases.size() > 0 || coordinator.pendingReleases() > 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(0, leases.size(), "leases left held (they would block misses for 30 s)");
      // and a key released is free for the next load at once
      assertNotNull(
          coordinator.tryAcquire(
              "release-test", "k0-0", Duration.ofSeconds(30), Duration.ofSeconds(2)));
    } finally {
      coordinator.close();
    }
  }
}
