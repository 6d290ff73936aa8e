package io.stratacache.demo;

import io.stratacache.platform.ApplicationDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fills an empty database with the demo data set at start-up, in the background: deployment and
 * requests never wait for it, and endpoints answer with partial data meanwhile.
 *
 * <p>The single row of {@code demo_data_state} records a generation; inserting it is the lock that
 * keeps two instances from generating at once. A complete set is reused at the next start; one left
 * half-written by a crash (older than {@link #STALE_AFTER}) is deleted and written again. A
 * database that holds domain rows without that record is never touched.
 *
 * <p>Once the data has settled (ready, foreign, disabled or failed), {@link DemoDataReady} is
 * fired, once, from the background thread.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DemoDataLoader {

  static final Duration STALE_AFTER = Duration.ofMinutes(15);
  static final Duration RECHECK = Duration.ofSeconds(2);
  private static final Logger LOG = Logger.getLogger(DemoDataLoader.class.getName());
  private static final String[] TABLES_CHILD_FIRST = {
    "store_order", "store", "diagnosis_report", "question", "app_user", "brand"
  };

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  @Resource ManagedExecutorService executor;

  @Inject Clock clock;

  @Inject Event<DemoDataReady> ready;

  @Inject
  @ConfigProperty(name = "DEMO_DATA", defaultValue = "full")
  String profileName;

  @Inject
  @ConfigProperty(name = "DEMO_DATA_SEED", defaultValue = "20260228")
  long seed;

  private volatile DemoDataStatus status;

  @PostConstruct
  void start() {
    DemoProfile profile = DemoProfile.parse(profileName);
    if (profile == DemoProfile.NONE) {
      status =
          new DemoDataStatus(
              DemoDataStatus.State.DISABLED, "none", seed, null, 0, 0, "DEMO_DATA=none");
      LOG.info("Demo data: disabled (DEMO_DATA=none)");
      executor.submit(this::announce);
      return;
    }
    status =
        new DemoDataStatus(
            DemoDataStatus.State.CHECKING, profile.name(), seed, null, 0, 0, "checking");
    executor.submit(() -> run(profile));
  }

  /** The current status; never null. */
  public DemoDataStatus status() {
    return status;
  }

  private void run(DemoProfile profile) {
    try {
      prepareAndGenerate(profile);
    } catch (RuntimeException | SQLException e) {
      status = withState(DemoDataStatus.State.FAILED, e.getMessage());
      LOG.log(Level.SEVERE, "Demo data generation failed", e);
    }
    if (DemoDataReady.settled(status.state())) {
      announce();
    }
  }

  /** Fires {@link DemoDataReady}; an observer's failure is logged, not thrown. */
  private void announce() {
    try {
      ready.fire(new DemoDataReady(status));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Demo data: a DemoDataReady observer failed: {0}", e.toString());
    }
  }

  /**
   * Generates, reuses or waits: while another instance generates, re-checks every {@link #RECHECK}
   * until it completes (then this instance is READY too) or its claim goes stale (then this one
   * starts again).
   */
  private void prepareAndGenerate(DemoProfile profile) throws SQLException {
    while (!prepareOnce(profile)) {
      try {
        Thread.sleep(RECHECK.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One look at the database; false when another instance is generating and we must wait. */
  private boolean prepareOnce(DemoProfile profile) throws SQLException {
    LocalDate anchor = LocalDate.now(clock);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      Existing existing = existing(c);
      if (existing != null && existing.status.equals("COMPLETE")) {
        status =
            new DemoDataStatus(
                DemoDataStatus.State.READY,
                existing.profile,
                existing.seed,
                existing.anchor,
                existing.rows,
                existing.rows,
                "reused");
        LOG.info(
            () ->
                String.format(
                    "Demo data: reusing %,d rows (%s, seed %d, generated for %s)",
                    existing.rows, existing.profile.toLowerCase(), existing.seed, existing.anchor));
        return true;
      }
      if (existing != null) {
        if (existing.startedAt.isAfter(LocalDateTime.now(clock).minus(STALE_AFTER))) {
          if (status.state() != DemoDataStatus.State.GENERATING_ELSEWHERE) {
            LOG.info("Demo data: another instance is generating it; waiting for it");
          }
          status =
              withState(
                  DemoDataStatus.State.GENERATING_ELSEWHERE, "another instance is generating");
          return false;
        }
        LOG.warning(
            "Demo data: an interrupted generation was found; deleting it and starting again");
        deleteAll(c);
      } else if (hasDomainRows(c)) {
        status = withState(DemoDataStatus.State.FOREIGN_DATA, "the database already holds data");
        LOG.info("Demo data: the database already holds brands; leaving it untouched");
        return true;
      }
      if (!claim(c, profile, anchor)) {
        status =
            withState(DemoDataStatus.State.GENERATING_ELSEWHERE, "another instance is generating");
        LOG.info("Demo data: another instance claimed the generation; waiting for it");
        return false;
      }
      generate(c, profile, anchor);
      return true;
    }
  }

  private void generate(Connection c, DemoProfile profile, LocalDate anchor) throws SQLException {
    long total = profile.sizes().totalRows();
    long started = System.nanoTime();
    status =
        new DemoDataStatus(
            DemoDataStatus.State.GENERATING, profile.name(), seed, anchor, 0, total, "generating");
    LOG.info(
        () ->
            String.format(
                "Demo data: generating %,d rows (%s, seed %d, ending %s)",
                total, profile.name().toLowerCase(), seed, anchor));
    int[] lastDecile = {0};
    JdbcDemoWriter writer =
        new JdbcDemoWriter(
            c,
            written -> {
              status =
                  new DemoDataStatus(
                      DemoDataStatus.State.GENERATING,
                      profile.name(),
                      seed,
                      anchor,
                      written,
                      total,
                      "generating");
              int decile = (int) (written * 10 / Math.max(1, total));
              if (decile > lastDecile[0]) {
                lastDecile[0] = decile;
                LOG.info(
                    String.format(
                        "Demo data: %d%% (%,d of %,d rows, %.1f s)",
                        decile * 10, written, total, (System.nanoTime() - started) / 1e9));
              }
            });
    new DemoDataGenerator(seed, anchor, profile.sizes()).generate(writer);
    writer.finish();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE demo_data_state SET status = 'COMPLETE', completed_at = ?, row_count = ? WHERE id = 1")) {
      ps.setObject(1, LocalDateTime.now(clock));
      ps.setLong(2, writer.written());
      ps.executeUpdate();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    status =
        new DemoDataStatus(
            DemoDataStatus.State.READY,
            profile.name(),
            seed,
            anchor,
            writer.written(),
            total,
            "generated");
    LOG.info(
        () ->
            String.format(
                "Demo data: ready, %,d rows in %.1f s (%,.0f rows/s)",
                writer.written(), seconds, writer.written() / seconds));
  }

  private boolean claim(Connection c, DemoProfile profile, LocalDate anchor) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO demo_data_state (id, profile, seed, anchor_date, status, started_at, row_count)"
                + " VALUES (1, ?, ?, ?, 'GENERATING', ?, 0)")) {
      ps.setString(1, profile.name());
      ps.setLong(2, seed);
      ps.setObject(3, anchor);
      ps.setObject(4, LocalDateTime.now(clock));
      return ps.executeUpdate() == 1;
    } catch (SQLException duplicateKey) {
      return false;
    }
  }

  private record Existing(
      String profile,
      long seed,
      LocalDate anchor,
      String status,
      LocalDateTime startedAt,
      long rows) {}

  private static Existing existing(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT profile, seed, anchor_date, status, started_at, row_count FROM demo_data_state WHERE id = 1")) {
      if (!rs.next()) {
        return null;
      }
      return new Existing(
          rs.getString(1),
          rs.getLong(2),
          rs.getObject(3, LocalDate.class),
          rs.getString(4),
          rs.getObject(5, LocalDateTime.class),
          rs.getLong(6));
    }
  }

  private static boolean hasDomainRows(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM brand")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  private static void deleteAll(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String table : TABLES_CHILD_FIRST) {
        s.executeUpdate("DELETE FROM " + table);
      }
      s.executeUpdate("DELETE FROM demo_data_state");
    }
  }

  private DemoDataStatus withState(DemoDataStatus.State state, String message) {
    DemoDataStatus s = status;
    return new DemoDataStatus(
        state, s.profile(), s.seed(), s.anchorDate(), s.rows(), s.totalRows(), message);
  }
}
