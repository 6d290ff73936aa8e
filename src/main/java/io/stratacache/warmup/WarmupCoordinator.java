package io.stratacache.warmup;

import io.stratacache.cache.TieredCaches;
import io.stratacache.demo.DemoDataLoader;
import io.stratacache.demo.DemoDataReady;
import io.stratacache.platform.ApplicationDataSource;
import io.stratacache.platform.ClusterClaims;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.platform.InvalidSettingException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The warm-up of this instance: the registered tasks, one {@link WarmupEngine}, the threads it runs
 * on (the managed executor, at most {@code WARMUP_THREAD_COUNT} attempts at once, and one
 * coordinating thread of our own), the run history and the metrics. One run at a time in the whole
 * cluster: besides the engine's own guard, a run holds the cluster lease {@value #RUN_LEASE} of
 * {@link ClusterClaims} (renewed while it goes on, expiring {@code WARMUP_RUN_LEASE_SECONDS} after
 * an instance dies). Triggers ({@link WarmupTriggers}, {@link WarmupResource}) call {@link #start};
 * runs always happen in the background. Thread-safe.
 */
@ApplicationScoped
public class WarmupCoordinator {

  private static final Logger LOG = Logger.getLogger(WarmupCoordinator.class.getName());

  /** The {@link ClusterClaims} lease a run holds; its subject is the run id. */
  static final String RUN_LEASE = "warmup-run";

  /** How long the start-up warm-up waits for the demo data before warming what there is. */
  static final Duration DEMO_DATA_WAIT = Duration.ofMinutes(30);

  /** The trigger of the start-up run. */
  static final String STARTUP = "startup";

  /** State of the start-up warm-up, for {@code GET status} (and tests that wait for it). */
  public enum StartupState {
    DISABLED,
    WAITING_FOR_DATA,
    RUNNING,
    DONE,
    SKIPPED
  }

  @Inject @Any Instance<WarmupTask> discovered;
  @Inject WarmupSettings settings;
  @Inject DemoDataLoader demoData;
  @Inject TieredCaches caches;
  @Inject MetricRegistry registry;
  @Inject Clock clock;
  @Inject TransactionalCalls transactional;
  @Inject ClusterClaims claims;

  @Resource ManagedThreadFactory threadFactory;

  /** Renews the cluster's run lease while a run goes on. */
  @Resource ManagedScheduledExecutorService scheduler;

  /**
   * Runs the task attempts: every submission is a fresh container invocation, so the services'
   * transaction-scoped entity managers work (a thread of our own reused across runs saw a closed
   * one).
   */
  @Resource ManagedExecutorService executor;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  private Map<String, WarmupTask> tasks;
  private WarmupEngine engine;
  private ThreadPoolExecutor coordination;
  private JdbcWarmupHistory history;
  private WarmupMetrics metrics;
  private volatile WarmupRun lastRun;
  private volatile StartupState startup = StartupState.DISABLED;
  private final AtomicBoolean startupStarted = new AtomicBoolean();
  private volatile ScheduledFuture<?> startupFallback;

  @PostConstruct
  void init() {
    Map<String, WarmupTask> byName = new LinkedHashMap<>();
    for (WarmupTask t : discovered) {
      WarmupTask before = byName.put(t.name(), t);
      if (before != null) {
        throw new IllegalStateException(
            "two warm-up tasks are named "
                + t.name()
                + ": "
                + before.getClass()
                + ", "
                + t.getClass());
      }
    }
    tasks = Map.copyOf(byName);
    try {
      settings.requireKnownTasks(tasks.keySet());
    } catch (InvalidSettingException e) {
      throw WarmupConfiguration.refused(e);
    }
    coordination = pool(1);
    engine = new WarmupEngine(executor, clock, System::nanoTime);
    history = new JdbcWarmupHistory(dataSource);
    metrics = new WarmupMetrics(registry);
  }

  private ThreadPoolExecutor pool(int threads) {
    ThreadPoolExecutor p =
        new ThreadPoolExecutor(
            threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threadFactory);
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  @PreDestroy
  void stop() {
    ScheduledFuture<?> fallback = startupFallback;
    if (fallback != null) {
      fallback.cancel(false);
    }
    coordination.shutdownNow();
  }

  /** Registered task names, sorted. */
  public List<String> names() {
    return List.copyOf(new TreeSet<>(tasks.keySet()));
  }

  /** Every task in run order ({@code WARMUP_PRIORITY}, then own priority, then name). */
  public List<WarmupTask> ordered() {
    return WarmupEngine.order(tasks.values(), settings.priority());
  }

  /**
   * Starts a run in the background.
   *
   * @param names tasks to run, or empty for all
   * @param concurrent whether to use {@code WARMUP_THREAD_COUNT} threads or one
   * @return the run id
   * @throws InvalidInputException naming the valid tasks if one is unknown
   * @throws WarmupBusyException if a run is under way
   */
  public String start(Collection<String> names, boolean concurrent, String trigger) {
    List<WarmupTask> chosen = select(names).stream().map(this::inTransaction).toList();
    String id = engine.reserve(trigger);
    try {
      Optional<String> holder = takeLease(id);
      if (holder.isPresent()) {
        throw new WarmupBusyException(holder.get());
      }
      coordination.execute(() -> runReserved(id, chosen, settings.parallelism(concurrent)));
    } catch (RuntimeException e) {
      engine.release(id);
      releaseLease(id);
      throw e;
    }
    LOG.info(
        () ->
            String.format(
                "Warm-up run %s (%s) started: %d tasks, %d threads",
                id, trigger, chosen.size(), settings.parallelism(concurrent)));
    return id;
  }

  private List<WarmupTask> select(Collection<String> names) {
    if (names == null || names.isEmpty()) {
      return ordered();
    }
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      if (!tasks.containsKey(n)) {
        unknown.add(n);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          "unknown warm-up task(s) " + unknown + "; valid tasks: " + names());
    }
    return WarmupEngine.order(names.stream().map(tasks::get).toList(), settings.priority());
  }

  /** The task, each attempt in a transaction of its own (see {@link TransactionalCalls}). */
  WarmupTask inTransaction(WarmupTask t) {
    return new WarmupTask() {
      @Override
      public String name() {
        return t.name();
      }

      @Override
      public int priority() {
        return t.priority();
      }

      @Override
      public java.time.Duration timeout() {
        return t.timeout();
      }

      @Override
      public int warm() throws Exception {
        return transactional.call(t::warm);
      }

      @Override
      public String detail() {
        return t.detail();
      }
    };
  }

  /**
   * Takes the cluster-wide run lease for run {@code id}. Fails open: if the database cannot be
   * reached the run goes on, held to one at a time on this instance only.
   *
   * @return the id of the run holding the lease elsewhere, if any
   */
  private Optional<String> takeLease(String id) {
    Duration lease = settings.runLease();
    if (lease.isZero()) {
      return Optional.empty();
    }
    try {
      return claims.acquire(RUN_LEASE, id, lease).map(ClusterClaims.LeaseHolder::subject);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "warm-up lease not taken, running anyway: {0}", e.toString());
      return Optional.empty();
    }
  }

  private void releaseLease(String id) {
    if (settings.runLease().isZero()) {
      return;
    }
    try {
      claims.release(RUN_LEASE, id);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "warm-up lease not released (it expires): {0}", e.toString());
    }
  }

  private ScheduledFuture<?> renewLease(String id) {
    Duration lease = settings.runLease();
    if (lease.isZero()) {
      return null;
    }
    long every = Math.max(1000, lease.toMillis() / 3);
    return scheduler.scheduleAtFixedRate(
        () -> {
          try {
            if (!claims.renew(RUN_LEASE, id, lease)) {
              LOG.warning("warm-up run " + id + " lost its cluster lease");
            }
          } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "warm-up lease not renewed: {0}", e.toString());
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  private void runReserved(String id, List<WarmupTask> chosen, int parallelism) {
    ScheduledFuture<?> renewal = renewLease(id);
    try {
      engine.run(id, chosen, parallelism, this::publish);
    } finally {
      if (renewal != null) {
        renewal.cancel(false);
      }
      releaseLease(id);
    }
  }

  /**
   * Makes a finished run the last run and records it, while the engine still holds it: a status
   * that says "not running" already shows this run as {@code lastRun} and in the history.
   */
  private void publish(WarmupRun run) {
    lastRun = run;
    if (STARTUP.equals(run.trigger())) {
      startup = StartupState.DONE;
    }
    LOG.info(
        () ->
            String.format(
                "Warm-up run %s (%s) finished in %d ms: %d/%d tasks completed, %d entries warmed%s",
                run.id(),
                run.trigger(),
                run.durationMillis(),
                run.tasksCompleted(),
                run.tasksTotal(),
                run.entriesWarmed(),
                failures(run)));
    try {
      metrics.record(run);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "warm-up metrics not recorded: {0}", e.toString());
    }
    try {
      history.record(run, caches.instanceId());
      Instant cutoff = clock.instant().minus(settings.historyRetention());
      history.purgeBefore(cutoff);
      claims.purgeTicks(WarmupTriggers.tickJob(WarmupTriggers.CRON), cutoff);
      claims.purgeTicks(WarmupTriggers.tickJob(WarmupTriggers.INTERVAL), cutoff);
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "warm-up run {0} not recorded: {1}",
          new Object[] {run.id(), e.toString()});
    }
  }

  private static String failures(WarmupRun run) {
    StringBuilder b = new StringBuilder();
    for (WarmupTaskResult t : run.tasks()) {
      if (!t.completed()) {
        b.append("; ")
            .append(t.name())
            .append(' ')
            .append(t.outcome())
            .append(": ")
            .append(t.error());
      }
    }
    return b.toString();
  }

  /**
   * Starts the start-up warm-up in the background once the demo data has settled: now if it already
   * has, else when {@link DemoDataReady} comes, or after {@link #DEMO_DATA_WAIT} at the latest.
   * Never blocks; starts the run at most once.
   */
  void startupWarmup() {
    startup = StartupState.WAITING_FOR_DATA;
    if (DemoDataReady.settled(demoData.status().state())) {
      // on a managed thread, as the event's observer runs: outside the caller's transaction, which
      // the lease's auto-commit statements must not join
      scheduler.execute(this::startStartupRun);
      return;
    }
    startupFallback =
        scheduler.schedule(
            () -> {
              if (!startupStarted.get()) {
                LOG.warning(
                    "Start-up warm-up: demo data not ready after "
                        + DEMO_DATA_WAIT
                        + "; warming anyway");
                startStartupRun();
              }
            },
            DEMO_DATA_WAIT.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Starts the start-up run if it waits for the demo data (see {@link #startupWarmup}). */
  void onDemoDataReady(@Observes DemoDataReady ready) {
    if (startup == StartupState.WAITING_FOR_DATA) {
      startStartupRun();
    }
  }

  private void startStartupRun() {
    if (!startupStarted.compareAndSet(false, true)) {
      return;
    }
    ScheduledFuture<?> fallback = startupFallback;
    if (fallback != null) {
      fallback.cancel(false);
    }
    startup = StartupState.RUNNING;
    try {
      start(List.of(), settings.concurrent(), STARTUP);
    } catch (WarmupBusyException e) {
      startup = StartupState.SKIPPED;
      LOG.info("Start-up warm-up skipped: run " + e.runningRunId() + " is under way");
    } catch (RuntimeException e) {
      startup = StartupState.SKIPPED;
      LOG.log(Level.WARNING, "Start-up warm-up failed to start: {0}", e.toString());
    }
  }

  /** The run under way, if any. */
  public Optional<WarmupEngine.Running> running() {
    return engine.running();
  }

  /**
   * The run holding the cluster-wide lease, on this instance or another: what a second request
   * anywhere in the cluster would get 409 for. Empty when none holds it, when the lease is off
   * ({@code WARMUP_RUN_LEASE_SECONDS=0}) or when the database cannot be read (logged at FINE).
   */
  public Optional<JdbcWarmupHistory.LeaseHolder> clusterRun() {
    if (settings.runLease().isZero()) {
      return Optional.empty();
    }
    try {
      return claims
          .holder(RUN_LEASE)
          .map(h -> new JdbcWarmupHistory.LeaseHolder(h.subject(), h.holder(), h.until()));
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "warm-up lease not readable: {0}", e.toString());
      return Optional.empty();
    }
  }

  /** The last run this instance finished, if any. */
  public Optional<WarmupRun> lastRun() {
    return Optional.ofNullable(lastRun);
  }

  public StartupState startupState() {
    return startup;
  }

  /** The latest runs of every instance, from the database, newest first. */
  public List<WarmupRun> history(int limit) {
    try {
      return history.recent(limit);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the warm-up history: " + e.getMessage(), e);
    }
  }

  ExecutorService coordinationExecutor() {
    return coordination;
  }
}
