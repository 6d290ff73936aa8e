package io.stratacache.warmup;

import io.stratacache.cache.TieredCaches;
import io.stratacache.demo.DemoDataLoader;
import io.stratacache.demo.DemoDataStatus;
import io.stratacache.platform.ApplicationDataSource;
import io.stratacache.platform.ClusterClaims;
import io.stratacache.platform.InvalidInputException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
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
    for (String name : settings.priority()) {
      if (!tasks.containsKey(name)) {
        throw new IllegalArgumentException(
            "WARMUP_PRIORITY names an unknown task '" + name + "'; tasks: " + names());
      }
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
  private WarmupTask inTransaction(WarmupTask t) {
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
    WarmupRun run;
    try {
      run = engine.run(id, chosen, parallelism);
    } finally {
      if (renewal != null) {
        renewal.cancel(false);
      }
      releaseLease(id);
    }
    lastRun = run;
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
      LOG.log(Level.WARNING, "warm-up run {0} not recorded: {1}", new Object[] {id, e.toString()});
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

  /** Starts the start-up warm-up in the background once the demo data is ready. Never blocks. */
  void startupWarmup() {
    startup = StartupState.WAITING_FOR_DATA;
    Thread waiter =
        threadFactory.newThread(
            () -> {
              try {
                awaitData();
                startup = StartupState.RUNNING;
                String id = start(List.of(), settings.concurrent(), "startup");
                awaitRun(id);
                startup = StartupState.DONE;
              } catch (WarmupBusyException e) {
                startup = StartupState.SKIPPED;
                LOG.info("Start-up warm-up skipped: run " + e.runningRunId() + " is under way");
              } catch (InterruptedException e) {
                startup = StartupState.SKIPPED;
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                startup = StartupState.SKIPPED;
                LOG.log(Level.WARNING, "Start-up warm-up failed to start: {0}", e.toString());
              }
            });
    waiter.setName("warmup-startup");
    waiter.setDaemon(true);
    waiter.start();
  }

  private void awaitData() throws InterruptedException {
    long deadline = System.nanoTime() + DEMO_DATA_WAIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      DemoDataStatus.State s = demoData.status().state();
      if (s == DemoDataStatus.State.READY
          || s == DemoDataStatus.State.DISABLED
          || s == DemoDataStatus.State.FAILED) {
        return;
      }
      Thread.sleep(250);
    }
    LOG.warning(
        "Start-up warm-up: demo data not ready after " + DEMO_DATA_WAIT + "; warming anyway");
  }

  private void awaitRun(String id) throws InterruptedException {
    while (engine.running().map(r -> r.id().equals(id)).orElse(false)) {
      Thread.sleep(100);
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
