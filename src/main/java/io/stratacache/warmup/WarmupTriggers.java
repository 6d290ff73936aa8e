package io.stratacache.warmup;

import io.stratacache.platform.ClusterClaims;
import io.stratacache.warmup.hotkey.HotKeySettings;
import io.stratacache.warmup.hotkey.HotKeyTracking;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts warm-ups without a request: once at start-up in the background (after the demo data is
 * ready), on the cron schedule {@code WARMUP_SCHEDULE} and every {@code WARMUP_INTERVAL_MINUTES}.
 *
 * <p>The EJB timers are non-persistent, so each member of a cluster has its own; interval ticks are
 * aligned on multiples of the interval since the epoch, so the members' ticks coincide. Each tick
 * is claimed as a tick of job {@code warmup-cron} or {@code warmup-interval} ({@link
 * ClusterClaims}): the member that wins it runs it, the others log that they skipped it. A
 * malformed setting (or an unknown task in {@code WARMUP_PRIORITY}) fails deployment with a message
 * naming the variable.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "DemoDataLoader"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WarmupTriggers {

  private static final Logger LOG = Logger.getLogger(WarmupTriggers.class.getName());
  static final String CRON = "cron";
  static final String INTERVAL = "interval";
  static final String SAVE_HOT_KEYS = "save-hot-keys";

  @Resource TimerService timers;
  @Inject WarmupSettings settings;
  @Inject WarmupCoordinator coordinator;
  @Inject HotKeyTracking hotKeys;
  @Inject ClusterClaims claims;
  @Inject Clock clock;

  @PostConstruct
  void start() {
    coordinator.names(); // creates the coordinator now: a bad WARMUP_PRIORITY fails deployment
    // starts tracking reads now, not at the first hot-key task, and restores the saved hot keys
    // before the start-up run below
    HotKeySettings hot = hotKeys.settings();
    if (hot.persisted()) {
      long period = hot.saveInterval().toMillis();
      timers.createIntervalTimer(period, period, new TimerConfig(SAVE_HOT_KEYS, false));
      LOG.info("Warm-up: hot keys saved every " + hot.saveInterval().toMinutes() + " min");
    }
    if (!settings.enabled()) {
      LOG.info("Warm-up: disabled (CACHE_WARMUP_ENABLED=false); REST calls still work");
      return;
    }
    if (settings.scheduled()) {
      CronSchedule c = settings.schedule();
      ScheduleExpression cron =
          new ScheduleExpression()
              .second("0")
              .minute(c.minute())
              .hour(c.hour())
              .dayOfMonth(c.dayOfMonth())
              .month(c.month())
              .dayOfWeek(c.dayOfWeek());
      Timer t = timers.createCalendarTimer(cron, new TimerConfig(CRON, false));
      LOG.info("Warm-up: cron '" + settings.scheduleText() + "', next at " + t.getNextTimeout());
      if (settings.intervalMinutes() > 0) {
        long period = Duration.ofMinutes(settings.intervalMinutes()).toMillis();
        long now = clock.millis();
        long first = (now / period + 1) * period;
        Timer i =
            timers.createIntervalTimer(new Date(first), period, new TimerConfig(INTERVAL, false));
        LOG.info(
            "Warm-up: every " + settings.intervalMinutes() + " min, next at " + i.getNextTimeout());
      }
    }
    if (settings.onStartup()) {
      coordinator.startupWarmup();
      LOG.info("Warm-up: start-up run scheduled in the background");
    }
  }

  /**
   * Runs outside a transaction: the claim and the lease are auto-commit JDBC statements, which a
   * container-managed transaction around the timeout would refuse to commit (PostgreSQL: "Cannot
   * commit when autoCommit is enabled"), failing the timeout.
   */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick(Timer timer) {
    String kind = String.valueOf(timer.getInfo());
    if (SAVE_HOT_KEYS.equals(kind)) {
      hotKeys.save(); // every member saves its own; logs its failures
      return;
    }
    Instant minute = clock.instant().plusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
    String tickId = kind + ":" + minute;
    try {
      if (!claims.claimTick(tickJob(kind), minute)) {
        String by = claims.tickHolder(tickJob(kind), minute).orElse("?");
        LOG.info("Warm-up tick " + tickId + " skipped: claimed by instance " + by);
        return;
      }
      String id = coordinator.start(List.of(), settings.concurrent(), kind);
      LOG.info("Warm-up tick " + tickId + " runs as " + id);
    } catch (WarmupBusyException e) {
      LOG.info("Warm-up tick " + tickId + " skipped: run " + e.runningRunId() + " is under way");
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Warm-up tick {0} failed: {1}", new Object[] {tickId, e.toString()});
    }
  }

  /** The {@link ClusterClaims} job of the {@link #CRON} or {@link #INTERVAL} ticks. */
  static String tickJob(String kind) {
    return "warmup-" + kind;
  }

  /** The next time of the cron ({@link #CRON}) or interval ({@link #INTERVAL}) timer, if set. */
  public Optional<Instant> next(String kind) {
    for (Timer t : timers.getTimers()) {
      try {
        if (kind.equals(t.getInfo())) {
          return Optional.of(t.getNextTimeout().toInstant());
        }
      } catch (RuntimeException e) {
        // a timer that expired meanwhile
      }
    }
    return Optional.empty();
  }
}
