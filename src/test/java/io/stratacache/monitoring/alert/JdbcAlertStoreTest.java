package io.stratacache.monitoring.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC alert store on the real Liquibase change 300-monitoring (H2 in memory). */
class JdbcAlertStoreTest {

  static int databases;

  JdbcAlertStore store;
  final Instant t0 = Instant.parse("2026-11-22T05:00:00Z");
  final AlertRule rule = AlertRules.defaults(AlertRules.HIT_RATE_LOW).orElseThrow();

  @BeforeEach
  @SuppressWarnings("deprecation")
  void setUp() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:alerts" + (++databases) + ";DB_CLOSE_DELAY=-1");
    try (Connection c = ds.getConnection()) {
      Database db =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      new Liquibase("liquibase/changes/300-monitoring.xml", new ClassLoaderResourceAccessor(), db)
          .update(new Contexts());
    }
    store = new JdbcAlertStore((DataSource) ds, "instance-a");
  }

  @Test
  void seededRules_areTheDefaults() {
    Map<String, AlertRule> stored = store.storedRules();
    assertEquals(AlertRules.DEFAULTS.size(), stored.size());
    for (AlertRule d : AlertRules.DEFAULTS) {
      assertEquals(d, stored.get(d.name()), d.name());
    }
    store.saveRule(rule.with(0.8, 600, Severity.LOW, false), t0);
    assertEquals(rule.with(0.8, 600, Severity.LOW, false), store.storedRules().get(rule.name()));
  }

  @Test
  void open_oneActivePerRuleAndCache_closeFreesTheKey() {
    Finding f = new Finding(rule, "brand-stats", 0.42, "hit rate 42.0% < 70%");
    Alert a = store.open(f, t0).orElseThrow();
    assertEquals(AlertState.ACTIVE, a.state());
    assertEquals(0.42, a.value(), 1e-9);
    assertEquals(0.7, a.threshold(), 1e-9);
    assertEquals(t0, a.openedAt());
    assertNull(a.resolvedAt());
    assertTrue(store.open(f, t0.plusSeconds(30)).isEmpty(), "unique active key");
    assertTrue(store.open(new Finding(rule, "other", 0.1, "m"), t0).isPresent());
    assertEquals(2, store.active().size());

    Alert closed = store.close(a.id(), AlertState.AUTO_RESOLVED, t0.plusSeconds(60)).orElseThrow();
    assertEquals(AlertState.AUTO_RESOLVED, closed.state());
    assertEquals(t0.plusSeconds(60), closed.resolvedAt());
    assertTrue(store.close(a.id(), AlertState.RESOLVED, t0).isEmpty(), "closes once");
    Alert again = store.open(f, t0.plusSeconds(90)).orElseThrow();
    assertTrue(again.id() > a.id());

    assertEquals(3, store.alerts(Optional.empty(), Optional.empty(), 100).size());
    assertEquals(
        1, store.alerts(Optional.of(AlertState.AUTO_RESOLVED), Optional.empty(), 100).size());
    assertEquals(0, store.alerts(Optional.empty(), Optional.of(Severity.CRITICAL), 100).size());
    assertEquals(again.id(), store.alerts(Optional.empty(), Optional.empty(), 1).get(0).id());
  }

  @Test
  void purge_deletesClosedAlertsOnly() {
    Alert a = store.open(new Finding(rule, "c", 0.1, "m"), t0).orElseThrow();
    store.close(a.id(), AlertState.RESOLVED, t0);
    Alert active = store.open(new Finding(rule, "d", 0.1, "m"), t0).orElseThrow();
    assertEquals(0, store.purge(t0), "closed at the cutoff: kept");
    assertEquals(1, store.purge(t0.plusSeconds(1)));
    assertTrue(store.find(a.id()).isEmpty());
    assertFalse(store.find(active.id()).isEmpty(), "active alerts are never purged");
  }
}
