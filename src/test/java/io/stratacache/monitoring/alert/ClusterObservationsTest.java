package io.stratacache.monitoring.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.monitoring.CacheWindow;
import io.stratacache.monitoring.CacheWindows;
import io.stratacache.monitoring.trend.MemberWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert rules on the cluster: this instance's live window plus the other members' trend rows. */
class ClusterObservationsTest {

  final FakeObservations local = new FakeObservations();
  final List<MemberWindow> peers = new ArrayList<>();
  final List<Duration> asked = new ArrayList<>();
  final AlertRules rules = new AlertRules(100);
  ClusterObservations cluster;

  @BeforeEach
  void setUp() {
    cluster =
        new ClusterObservations(
            local,
            w -> {
              asked.add(w);
              return List.copyOf(peers);
            });
  }

  static MemberWindow peer(String id, String cache, long requests, long hits) {
    return new MemberWindow(id, cache, 5, requests, hits, requests - hits, 0, 0, 0, 0);
  }

  static CacheWindow timed(String cache, long gets, double getMean) {
    return new CacheWindow(cache, 300, gets, gets, 0, 0, 0, 0, 0, gets, getMean, 0, 0, 0);
  }

  List<Finding> findings(String rule) {
    return rules.check(AlertRules.DEFAULTS, cluster).stream()
        .filter(f -> f.rule().name().equals(rule))
        .toList();
  }

  @Test
  void hitRate_judgesTheClusterSum_notThisInstanceAlone() {
    local.windows.put("c", CacheWindows.traffic("c", 100, 90)); // 90% here
    peers.add(peer("b", "c", 200, 20)); // 10% on the other member
    peers.add(peer("b", "other", 5000, 0)); // another cache: not counted for c

    List<Finding> low = findings(AlertRules.HIT_RATE_LOW);
    assertEquals(1, low.size(), low::toString);
    assertEquals(110.0 / 300, low.get(0).value(), 1e-9);
    assertTrue(low.get(0).message().contains("(300 requests in 300 s)"), low.get(0).message());
    assertTrue(rules.check(AlertRules.DEFAULTS, local).stream().noneMatch(f -> f.value() < 0.7));
  }

  @Test
  void hitRate_minRequests_countsEveryMember() {
    local.windows.put("c", CacheWindows.traffic("c", 60, 0)); // too few here to judge
    assertTrue(findings(AlertRules.HIT_RATE_LOW).isEmpty());

    peers.add(peer("b", "c", 60, 0));
    setUp();
    assertEquals(1, findings(AlertRules.HIT_RATE_CRITICAL).size(), "120 requests in the cluster");
  }

  @Test
  void misses_summedOverMembers() {
    local.windows.put("c", CacheWindows.traffic("c", 600, 0));
    peers.add(peer("b", "c", 300, 0));
    peers.add(peer("d", "c", 200, 0));

    List<Finding> misses = findings(AlertRules.MISSES_HIGH);
    assertEquals(1, misses.size());
    assertEquals(1100, misses.get(0).value(), 1e-9);
    assertEquals(List.of(Duration.ofSeconds(300)), asked.stream().distinct().toList());
    assertEquals(1, asked.size(), "the other members' rows are read once per window");
  }

  @Test
  void latency_judgesTheSlowestMemberWithEnoughCalls() {
    local.windows.put("c", timed("c", 50, 5.0));
    peers.add(new MemberWindow("b", "c", 5, 20, 20, 0, 20, 20 * 150.0, 0, 0)); // slow
    peers.add(new MemberWindow("d", "c", 5, 5, 5, 0, 5, 5 * 900.0, 0, 0)); // too few calls

    List<Finding> slow = findings(AlertRules.READ_LATENCY_HIGH);
    assertEquals(1, slow.size(), slow::toString);
    assertEquals(150.0, slow.get(0).value(), 1e-9);
    assertTrue(slow.get(0).message().endsWith("the slowest of 3 members)"), slow.get(0).message());
    // the summed window weighs the means by calls
    CacheWindow sum = cluster.window("c", Duration.ofSeconds(300)).orElseThrow();
    assertEquals(75, sum.gets());
    assertEquals((50 * 5.0 + 20 * 150.0 + 5 * 900.0) / 75, sum.getMeanMillis(), 1e-9);
  }

  @Test
  void latency_fastCluster_noAlert_andSingleInstanceMessageUnchanged() {
    local.windows.put("c", timed("c", 50, 150.0));
    List<Finding> slow = findings(AlertRules.READ_LATENCY_HIGH);
    assertEquals(1, slow.size());
    assertTrue(slow.get(0).message().endsWith("(50 calls in 300 s)"), slow.get(0).message());

    local.windows.put("c", timed("c", 50, 5.0));
    peers.add(new MemberWindow("b", "c", 5, 20, 20, 0, 20, 20 * 50.0, 0, 0));
    setUp();
    assertTrue(findings(AlertRules.READ_LATENCY_HIGH).isEmpty());
  }

  @Test
  void otherMembersUnreadable_judgesThisInstanceAlone() {
    cluster =
        new ClusterObservations(
            local,
            w -> {
              throw new IllegalStateException("database down");
            });
    local.windows.put("c", CacheWindows.traffic("c", 2000, 0));

    assertEquals(1, findings(AlertRules.MISSES_HIGH).size());
    assertEquals(2000, cluster.window("c", Duration.ofSeconds(300)).orElseThrow().misses());
  }

  @Test
  void cacheUnknownHere_noWindow() {
    peers.add(peer("b", "elsewhere", 5000, 0));
    assertEquals(Optional.empty(), cluster.window("elsewhere", Duration.ofSeconds(300)));
    assertTrue(cluster.memberWindows("elsewhere", Duration.ofSeconds(300)).isEmpty());
  }
}
