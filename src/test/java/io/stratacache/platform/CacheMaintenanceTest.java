package io.stratacache.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Which member purges expired entries: the winner of each ten minutes' tick (H2). */
class CacheMaintenanceTest {

  static final Instant T0 = Instant.parse("2026-03-02T11:00:00Z");

  static CacheMaintenance member(DataSource ds, String id) {
    CacheMaintenance m = new CacheMaintenance();
    m.claims = new JdbcClusterClaims(ds, Clock.fixed(T0, ZoneOffset.UTC), id);
    return m;
  }

  @Test
  void claimPurge_twoMembersFiringSecondsApart_onePurgesEachTick() throws Exception {
    DataSource ds = ClaimSchema.h2("maintenance-" + UUID.randomUUID());
    CacheMaintenance a = member(ds, "A");
    CacheMaintenance b = member(ds, "B");
    assertTrue(a.claimPurge(T0.plusSeconds(2)));
    assertFalse(b.claimPurge(T0.minusSeconds(3)), "the same tick, fired a little early");
    assertTrue(b.claimPurge(T0.plusSeconds(600)));
    assertFalse(a.claimPurge(T0.plusSeconds(601)));
    assertEquals(
        Optional.of("B"), a.claims.tickHolder(CacheMaintenance.PURGE_JOB, T0.plusSeconds(600)));
  }

  @Test
  void claimPurge_databaseDown_purgesAnyway() {
    DataSource down =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  throw new SQLException("connection refused", "08001");
                });
    assertTrue(member(down, "A").claimPurge(T0));
  }

  @Test
  void tick_nearestTenMinutes() {
    assertEquals(T0, CacheMaintenance.tick(T0.plusSeconds(299)));
    assertEquals(T0, CacheMaintenance.tick(T0.minusSeconds(300)));
    assertEquals(T0.plusSeconds(600), CacheMaintenance.tick(T0.plusSeconds(300)));
  }
}
