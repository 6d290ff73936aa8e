package io.stratacache.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.platform.ClusterClaims.LeaseHolder;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tick claims and leases of several members (claims with different holder ids) over one real
 * database; run on H2 ({@link ClusterClaimsH2Test}) and PostgreSQL ({@link
 * ClusterClaimsPostgresTest}). Time is given to each call as a fixed clock, so a member "at" an
 * instant is the claims of that member reading that instant.
 */
abstract class ClusterClaimsContract {

  static final Instant T0 = Instant.parse("2026-03-02T11:00:00Z");
  static final Duration LEASE = Duration.ofSeconds(30);
  static final String JOB = "warmup-interval";
  static final String RUN = "warmup-run";

  DataSource dataSource;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = emptyDatabase();
  }

  /** A database with {@code cluster_claim}, empty. */
  abstract DataSource emptyDatabase() throws Exception;

  /** Member {@code holder}'s claims at {@code now}. */
  ClusterClaims member(String holder, Instant now) {
    return new JdbcClusterClaims(dataSource, Clock.fixed(now, ZoneOffset.UTC), holder);
  }

  ClusterClaims a(Instant now) {
    return member("instance-A", now);
  }

  ClusterClaims b(Instant now) {
    return member("instance-B", now);
  }

  // ------------------------------------------------------------------------------- tick claims

  @Test
  void claimTick_twoMembers_exactlyOneWinsEachTick() throws Exception {
    for (int i = 0; i < 10; i++) {
      Instant tick = T0.plus(Duration.ofMinutes(i));
      ClusterClaims first = i % 2 == 0 ? a(tick) : b(tick);
      ClusterClaims second = i % 2 == 0 ? b(tick) : a(tick);
      assertTrue(first.claimTick(JOB, tick), "tick " + i + " won by the first");
      assertFalse(second.claimTick(JOB, tick), "tick " + i + " lost by the second");
      assertFalse(first.claimTick(JOB, tick), "tick " + i + " is won once, even by its winner");
      assertEquals(Optional.of(first.holderId()), second.tickHolder(JOB, tick));
    }
  }

  @Test
  void claimTick_otherJobOrOtherTick_claimedOnItsOwn() throws Exception {
    assertTrue(a(T0).claimTick(JOB, T0));
    assertTrue(b(T0).claimTick("monitoring-alerts", T0), "another job, the same instant");
    assertTrue(b(T0).claimTick(JOB, T0.plusSeconds(60)), "the same job, the next tick");
    assertEquals(Optional.empty(), a(T0).tickHolder(JOB, T0.plusSeconds(120)), "never claimed");
    assertEquals(Optional.of("instance-B"), a(T0).tickHolder("monitoring-alerts", T0));
  }

  @Test
  void claimTick_manyThreadsOfManyMembers_oneWinnerPerTick() throws Exception {
    int members = 8;
    int ticks = 10;
    Map<Instant, AtomicInteger> winners = new ConcurrentHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(members);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int m = 0; m < members; m++) {
        ClusterClaims claims = member("member-" + m, T0);
        done.add(
            threads.submit(
                () -> {
                  go.await();
                  for (int t = 0; t < ticks; t++) {
                    Instant tick = T0.plusSeconds(30L * t);
                    if (claims.claimTick(JOB, tick)) {
                      winners.computeIfAbsent(tick, k -> new AtomicInteger()).incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(ticks, winners.size(), "every tick won");
    winners.forEach((tick, n) -> assertEquals(1, n.get(), "winners of " + tick));
  }

  @Test
  void purgeTicks_deletesOldClaimsOfThatJobOnly() throws Exception {
    a(T0).claimTick(JOB, T0);
    a(T0.plusSeconds(60)).claimTick(JOB, T0.plusSeconds(60));
    a(T0).claimTick("monitoring-alerts", T0);
    a(T0).acquire(RUN, "run-1", LEASE);

    assertEquals(1, b(T0.plusSeconds(90)).purgeTicks(JOB, T0.plusSeconds(30)));
    assertTrue(b(T0).claimTick(JOB, T0), "a purged tick can be claimed again");
    assertFalse(b(T0).claimTick(JOB, T0.plusSeconds(60)), "kept");
    assertFalse(b(T0).claimTick("monitoring-alerts", T0), "another job's claims are kept");
    assertEquals(0, b(T0).purgeTicks(RUN, T0.plusSeconds(3600)), "leases are not ticks");
    assertTrue(b(T0.plusSeconds(1)).holder(RUN).isPresent());
  }

  @Test
  void claimTick_malformedJob_refused() {
    assertThrows(IllegalArgumentException.class, () -> a(T0).claimTick("a:b", T0));
    assertThrows(IllegalArgumentException.class, () -> a(T0).claimTick("", T0));
    assertThrows(IllegalArgumentException.class, () -> a(T0).claimTick("x".repeat(65), T0));
  }

  // ------------------------------------------------------------------------------------ leases

  @Test
  void acquire_heldByAnotherMember_answersItsHolderAndSubject() throws Exception {
    assertEquals(Optional.empty(), a(T0).acquire(RUN, "run-a", LEASE));
    assertEquals(
        Optional.of(new LeaseHolder("instance-A", "run-a", T0.plus(LEASE))),
        b(T0.plusSeconds(1)).acquire(RUN, "run-b", LEASE));
  }

  @Test
  void acquire_sameMemberWhileHeld_refusedNotReentrant() throws Exception {
    a(T0).acquire(RUN, "run-a", LEASE);
    assertEquals(
        Optional.of(new LeaseHolder("instance-A", "run-a", T0.plus(LEASE))),
        a(T0.plusSeconds(1)).acquire(RUN, "run-a2", LEASE));
  }

  @Test
  void acquire_afterRelease_taken() throws Exception {
    a(T0).acquire(RUN, "run-a", LEASE);
    assertTrue(a(T0.plusSeconds(2)).release(RUN, "run-a"));
    assertEquals(Optional.empty(), b(T0.plusSeconds(3)).acquire(RUN, "run-b", LEASE));
  }

  @Test
  void acquire_holderDiedAndLeaseExpired_takenOver() throws Exception {
    a(T0).acquire(RUN, "run-a", LEASE);
    assertEquals(
        "run-a", b(T0.plusSeconds(29)).acquire(RUN, "run-b", LEASE).orElseThrow().subject());
    assertEquals(Optional.empty(), b(T0.plusSeconds(30)).acquire(RUN, "run-b", LEASE));
    assertFalse(a(T0.plusSeconds(31)).renew(RUN, "run-a", LEASE), "A lost it");
    assertFalse(a(T0.plusSeconds(31)).release(RUN, "run-a"), "A cannot give away B's lease");
    assertEquals(
        Optional.of(new LeaseHolder("instance-B", "run-b", T0.plusSeconds(60))),
        a(T0.plusSeconds(31)).holder(RUN));
  }

  @Test
  void holder_namesTheHolderUntilItsLeaseEndsOrIsReleased() throws Exception {
    assertEquals(Optional.empty(), a(T0).holder(RUN), "never taken");
    a(T0).acquire(RUN, "run-a", LEASE);
    assertEquals(
        Optional.of(new LeaseHolder("instance-A", "run-a", T0.plus(LEASE))),
        b(T0.plusSeconds(1)).holder(RUN));
    assertEquals(Optional.empty(), b(T0.plus(LEASE)).holder(RUN), "expired: its holder died");
    Instant later = T0.plus(LEASE);
    b(later).acquire(RUN, "run-b", LEASE);
    b(later.plusSeconds(2)).release(RUN, "run-b");
    assertEquals(Optional.empty(), a(later.plusSeconds(2)).holder(RUN), "released");
  }

  @Test
  void renew_keepsOthersOut() throws Exception {
    a(T0).acquire(RUN, "run-a", LEASE);
    assertTrue(a(T0.plusSeconds(20)).renew(RUN, "run-a", LEASE));
    assertEquals(
        Optional.of(new LeaseHolder("instance-A", "run-a", T0.plusSeconds(50))),
        b(T0.plusSeconds(45)).acquire(RUN, "run-b", LEASE));
    assertFalse(a(T0.plusSeconds(46)).renew(RUN, "run-other", LEASE), "another subject");
    assertFalse(b(T0.plusSeconds(46)).renew(RUN, "run-a", LEASE), "another member");
  }

  @Test
  void renew_afterExpiryBeforeAnyTakeover_keepsTheLease() throws Exception {
    a(T0).acquire(RUN, "run-a", LEASE);
    assertTrue(a(T0.plusSeconds(40)).renew(RUN, "run-a", LEASE));
    assertEquals("run-a", b(T0.plusSeconds(41)).acquire(RUN, "b", LEASE).orElseThrow().subject());
  }

  @Test
  void acquire_manyThreadsOfManyMembers_oneHolderAtATime() throws Exception {
    // first round: nobody has ever held it (insert race); second: it expired (update race)
    for (Instant at : List.of(T0, T0.plus(LEASE).plusSeconds(1))) {
      int members = 8;
      AtomicInteger won = new AtomicInteger();
      Map<String, Boolean> winners = new ConcurrentHashMap<>();
      ExecutorService threads = Executors.newFixedThreadPool(members);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int m = 0; m < members; m++) {
          ClusterClaims claims = member("member-" + m, at);
          String subject = "run-" + m + "-" + at.getEpochSecond();
          done.add(
              threads.submit(
                  () -> {
                    go.await();
                    if (claims.acquire(RUN, subject, LEASE).isEmpty()) {
                      won.incrementAndGet();
                      winners.put(claims.holderId(), true);
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }
      assertEquals(1, won.get(), "holders at " + at + ": " + winners.keySet());
      LeaseHolder h = a(at.plusSeconds(1)).holder(RUN).orElseThrow();
      assertEquals(Set.of(h.holder()), winners.keySet(), "the one winner holds it");
    }
  }

  @Test
  void acquire_badArguments_refused() {
    assertThrows(IllegalArgumentException.class, () -> a(T0).acquire(RUN, "r", Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> a(T0).acquire(RUN, "", LEASE));
    assertThrows(IllegalArgumentException.class, () -> a(T0).acquire("x:y", "r", LEASE));
  }

  @Test
  void everyCall_databaseDown_throwsSqlException() {
    DataSource down =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  throw new SQLException("connection refused", "08001");
                });
    ClusterClaims claims = new JdbcClusterClaims(down, Clock.fixed(T0, ZoneOffset.UTC), "A");
    assertThrows(SQLException.class, () -> claims.claimTick(JOB, T0));
    assertThrows(SQLException.class, () -> claims.tickHolder(JOB, T0));
    assertThrows(SQLException.class, () -> claims.purgeTicks(JOB, T0));
    assertThrows(SQLException.class, () -> claims.acquire(RUN, "r", LEASE));
    assertThrows(SQLException.class, () -> claims.renew(RUN, "r", LEASE));
    assertThrows(SQLException.class, () -> claims.release(RUN, "r"));
    assertThrows(SQLException.class, () -> claims.holder(RUN));
  }
}
