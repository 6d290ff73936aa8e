package io.stratacache.cache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counters summed over two members of one grid. */
class HazelcastClusterCountersTest {

  @Test
  void read_sumsTheAdditionsOfBothMembers() throws Exception {
    try (TwoMembers grid = new TwoMembers();
        HazelcastClusterCounters a = HazelcastClusterCounters.create(grid.a);
        HazelcastClusterCounters b = HazelcastClusterCounters.create(grid.b)) {
      a.add("hits", 2);
      b.add("hits", 3);
      b.add("misses", 1);
      a.add("misses", 0);
      assertEquals(
          Map.of("hits", 2L, "never", 0L),
          a.read(List.of("hits", "never"), Duration.ofSeconds(5)),
          "its own additions at once");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      Map<String, Long> seen = a.read(List.of("hits", "misses"), Duration.ofSeconds(5));
      while (System.nanoTime() < deadline && !seen.equals(Map.of("hits", 5L, "misses", 1L))) {
        Thread.sleep(100);
        seen = a.read(List.of("hits", "misses"), Duration.ofSeconds(5));
      }
      assertEquals(Map.of("hits", 5L, "misses", 1L), seen, "the other member's within seconds");
      b.add("hits", -1);
      assertEquals(Map.of("hits", 4L), b.read(List.of("hits"), Duration.ofSeconds(5)));
    }
  }
}
