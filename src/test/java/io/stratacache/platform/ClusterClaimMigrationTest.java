package io.stratacache.platform;

import static io.stratacache.platform.JdbcValues.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratacache.platform.ClusterClaims.LeaseHolder;
import io.stratacache.testing.PostgresTestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Change {@code 410-cluster-claim-from-old-tables} on a database that holds claims in the four
 * tables before it (as a deployed one does): the master changelog moves every claim, with its
 * holder and time, into {@code cluster_claim} under the new job names, and drops the old tables. On
 * H2 and on PostgreSQL (skipped only with {@code -DskipPostgresITs}).
 */
class ClusterClaimMigrationTest {

  static final Instant TICK = Instant.parse("2026-03-02T11:00:00Z");
  static final Instant CLAIMED = TICK.plusMillis(1234);
  static final Instant HALF = Instant.parse("2026-03-02T11:00:30Z");
  static final Instant MINUTE = Instant.parse("2026-11-01T10:01:00Z");
  static final Instant LEASE_UNTIL = Instant.parse("2026-03-02T11:05:00Z");

  @Test
  void migrate_h2_movesEveryClaimAndDropsTheOldTables() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:claim-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migrate_movesEveryClaimAndDropsTheOldTables(h2);
  }

  @Test
  void migrate_postgres_movesEveryClaimAndDropsTheOldTables() throws Exception {
    migrate_movesEveryClaimAndDropsTheOldTables(
        PostgresTestSchema.fresh("stratacache_claim_migration_test", "claims"));
  }

  private static void migrate_movesEveryClaimAndDropsTheOldTables(DataSource ds) throws Exception {
    ClaimSchema.migrateBeforeClaims(ds);
    try (Connection c = ds.getConnection()) {
      insert(c, "INSERT INTO warmup_tick VALUES (?,?,?)", "interval:" + TICK, "member-A", CLAIMED);
      insert(c, "INSERT INTO warmup_tick VALUES (?,?,?)", "cron:" + TICK, "member-B", CLAIMED);
      insert(c, "INSERT INTO monitoring_tick VALUES (?,?,?)", "alerts:" + HALF, "member-B", HALF);
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO monitoring_trend_tick (minute_at, instance_id, claimed_at)"
                  + " VALUES (?,?,?)")) {
        s.setTimestamp(1, timestamp(MINUTE));
        s.setString(2, "member-A");
        s.setTimestamp(3, timestamp(MINUTE.plusMillis(20)));
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE warmup_lease SET run_id = ?, instance_id = ?, expires_at = ?"
                  + " WHERE name = 'run'")) {
        s.setString(1, "run-42");
        s.setString(2, "member-A");
        s.setTimestamp(3, timestamp(LEASE_UNTIL));
        assertEquals(1, s.executeUpdate());
      }
    }

    ClaimSchema.migrateAll(ds);

    ClusterClaims other = new JdbcClusterClaims(ds, Clock.fixed(TICK, ZoneOffset.UTC), "member-C");
    assertEquals(Optional.of("member-A"), other.tickHolder("warmup-interval", TICK));
    assertEquals(Optional.of("member-B"), other.tickHolder("warmup-cron", TICK));
    assertEquals(Optional.of("member-B"), other.tickHolder("monitoring-alerts", HALF));
    assertEquals(Optional.of("member-A"), other.tickHolder("monitoring-trends", MINUTE));
    assertFalse(other.claimTick("warmup-interval", TICK), "a migrated tick is not run again");
    assertFalse(other.claimTick("monitoring-trends", MINUTE), "the minute as the timer names it");
    assertEquals(
        Optional.of(new LeaseHolder("member-A", "run-42", LEASE_UNTIL)),
        other.holder("warmup-run"));
    assertEquals(
        Optional.of(new LeaseHolder("member-A", "run-42", LEASE_UNTIL)),
        other.acquire("warmup-run", "run-43", java.time.Duration.ofSeconds(30)));
    // claim times kept: only the claims made before CLAIMED + 1 ms go
    assertEquals(0, other.purgeTicks("warmup-interval", CLAIMED));
    assertEquals(1, other.purgeTicks("warmup-interval", CLAIMED.plusMillis(1)));
    assertEquals(1, other.purgeTicks("monitoring-alerts", HALF.plusMillis(1)));
    assertEquals(0, other.purgeTicks("monitoring-trends", MINUTE.plusMillis(20)));

    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String gone :
          new String[] {
            "warmup_tick", "warmup_lease", "monitoring_tick", "monitoring_trend_tick"
          }) {
        assertThrows(
            SQLException.class, () -> s.executeQuery("SELECT 1 FROM " + gone), gone + " dropped");
      }
    }
  }

  private static void insert(Connection c, String sql, String id, String instance, Instant at)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      s.setString(2, instance);
      s.setTimestamp(3, timestamp(at));
      s.executeUpdate();
    }
  }
}
