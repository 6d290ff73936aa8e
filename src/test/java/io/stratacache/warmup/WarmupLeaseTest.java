package io.stratacache.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster's run lease on a real database (H2): one holder, expiry, renewal, release. */
class WarmupLeaseTest {

  static final Instant T0 = Instant.parse("2026-03-02T11:00:00Z");
  static final Duration LEASE = Duration.ofSeconds(30);

  JdbcWarmupHistory db;

  @BeforeEach
  void schema() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:lease" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      // as liquibase/changes/210-warmup-lease.xml
      s.execute(
          "CREATE TABLE warmup_lease (name VARCHAR(32) PRIMARY KEY, run_id VARCHAR(36),"
              + " instance_id VARCHAR(64), expires_at TIMESTAMP NOT NULL)");
      s.execute(
          "INSERT INTO warmup_lease (name, expires_at) VALUES ('run', TIMESTAMP '1970-01-01"
              + " 00:00:00')");
    }
    db = new JdbcWarmupHistory(ds);
  }

  @Test
  void takeLease_heldByAnotherRun_answersItsId() throws Exception {
    assertEquals(Optional.empty(), db.takeLease("run-a", "A", T0, T0.plus(LEASE)));
    assertEquals(
        Optional.of("run-a"), db.takeLease("run-b", "B", T0.plusSeconds(1), T0.plus(LEASE)));
  }

  @Test
  void takeLease_afterRelease_taken() throws Exception {
    db.takeLease("run-a", "A", T0, T0.plus(LEASE));
    db.releaseLease("run-a", T0.plusSeconds(2));
    assertEquals(Optional.empty(), db.takeLease("run-b", "B", T0.plusSeconds(3), T0.plus(LEASE)));
  }

  @Test
  void takeLease_holderDiedAndLeaseExpired_taken() throws Exception {
    db.takeLease("run-a", "A", T0, T0.plus(LEASE));
    assertEquals(Optional.of("run-a"), db.takeLease("run-b", "B", T0.plusSeconds(29), T0));
    assertEquals(
        Optional.empty(), db.takeLease("run-b", "B", T0.plusSeconds(30), T0.plusSeconds(60)));
    assertFalse(db.renewLease("run-a", T0.plusSeconds(90)), "A lost it");
  }

  @Test
  void leaseHolder_namesTheRunUntilItsLeaseEndsOrIsReleased() throws Exception {
    assertEquals(Optional.empty(), db.leaseHolder(T0), "never taken");
    db.takeLease("run-a", "instance-A", T0, T0.plus(LEASE));
    assertEquals(
        Optional.of(new JdbcWarmupHistory.LeaseHolder("run-a", "instance-A", T0.plus(LEASE))),
        db.leaseHolder(T0.plusSeconds(1)));
    assertEquals(Optional.empty(), db.leaseHolder(T0.plus(LEASE)), "expired: its holder died");
    db.takeLease("run-b", "instance-B", T0.plus(LEASE), T0.plus(LEASE).plus(LEASE));
    db.releaseLease("run-b", T0.plus(LEASE).plusSeconds(2));
    assertEquals(Optional.empty(), db.leaseHolder(T0.plus(LEASE).plusSeconds(2)), "released");
  }

  @Test
  void renewLease_keepsOthersOut() throws Exception {
    db.takeLease("run-a", "A", T0, T0.plus(LEASE));
    assertTrue(db.renewLease("run-a", T0.plusSeconds(60)));
    assertEquals(Optional.of("run-a"), db.takeLease("run-b", "B", T0.plusSeconds(45), T0));
  }
}
