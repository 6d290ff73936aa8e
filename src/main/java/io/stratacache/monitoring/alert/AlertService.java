package io.stratacache.monitoring.alert;

import io.stratacache.cache.TieredCaches;
import io.stratacache.monitoring.AlertCondition;
import io.stratacache.monitoring.CacheMonitoring;
import io.stratacache.monitoring.trend.Trends;
import io.stratacache.platform.ApplicationDataSource;
import io.stratacache.platform.ClusterClaims;
import io.stratacache.platform.UnknownEntityException;
import io.stratacache.warmup.WarmupCoordinator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The alerts of the application: rules (defaults merged with their stored tunables), evaluation on
 * the cluster's figures, listing and resolution. Called by {@link AlertTimer} every 30 s (once per
 * cluster) and by {@link AlertResource}. Thread-safe.
 */
@ApplicationScoped
public class AlertService {

  private static final Logger LOG = Logger.getLogger(AlertService.class.getName());

  /** Requests a hit-rate rule needs in its window: {@code MONITORING_ALERT_MIN_REQUESTS}. */
  static final String MIN_REQUESTS_KEY = "MONITORING_ALERT_MIN_REQUESTS";

  /** At most this many alerts are listed. */
  static final int LIST_LIMIT = 500;

  /** Closed alerts are kept this long. */
  static final Duration RETENTION = Duration.ofDays(30);

  /** The {@link ClusterClaims} job of the evaluation ticks. */
  static final String TICK_JOB = "monitoring-alerts";

  @Inject TieredCaches caches;
  @Inject CacheMonitoring monitoring;
  @Inject WarmupCoordinator warmup;
  @Inject Clock clock;
  @Inject Trends trends;
  @Inject ClusterClaims claims;

  @Inject @Any Instance<AlertCondition> conditions;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  private AlertStore store;
  private AlertBook book;
  private AlertRules rules;
  private Observations observations;

  @PostConstruct
  void init() {
    int minRequests =
        ConfigProvider.getConfig()
            .getOptionalValue(MIN_REQUESTS_KEY, Integer.class)
            .orElse(AlertRules.DEFAULT_MIN_REQUESTS);
    if (minRequests < 1) {
      throw new IllegalStateException(MIN_REQUESTS_KEY + " must be 1 or more, was " + minRequests);
    }
    List<AlertCondition> contributed = conditions.stream().toList();
    rules = new AlertRules(minRequests, contributed);
    store = new JdbcAlertStore(dataSource, caches.instanceId(), rules::defaultOf);
    book = new AlertBook(store, clock);
    if (!contributed.isEmpty()) {
      LOG.info(
          () ->
              "Alert rules from other features: "
                  + contributed.stream().map(AlertCondition::rule).toList());
    }
    observations = new LiveObservations(caches, monitoring, warmup);
  }

  /**
   * Every rule with its current tunables: the order of {@link AlertRules#DEFAULTS}, then the rules
   * other features contribute ({@link AlertCondition}).
   */
  public List<AlertRule> rules() {
    Map<String, AlertRule> stored = store.storedRules();
    return rules.all().stream().map(d -> stored.getOrDefault(d.name(), d)).toList();
  }

  /** The requests a hit-rate rule needs in its window. */
  public int minRequests() {
    return rules.minRequests();
  }

  /**
   * Edits a rule's tunables.
   *
   * @throws UnknownEntityException (404) for an unknown rule
   * @throws io.stratacache.platform.InvalidInputException (400) for a bad body; nothing changes
   */
  public AlertRule edit(String name, RuleEdit.Request body) {
    AlertRule current =
        rules().stream()
            .filter(r -> r.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new UnknownEntityException("alert rule", name));
    AlertRule edited = RuleEdit.apply(current, body);
    store.saveRule(edited, clock.instant());
    return edited;
  }

  /**
   * Evaluates every enabled rule now on the cluster's figures: this instance's live windows plus
   * the other members' trend rows of the window ({@link ClusterObservations}); this instance's
   * alone if those cannot be read.
   */
  public Evaluation evaluate() {
    monitoring.syncCounters();
    return book.apply(
        rules.check(rules(), new ClusterObservations(observations, trends::otherMembers)));
  }

  /**
   * Claims the evaluation tick {@code tick} for this instance ({@link ClusterClaims} job {@value
   * #TICK_JOB}); on the hour, the winner purges old tick claims and alerts.
   *
   * @throws IllegalStateException if the database fails (the tick is then skipped)
   */
  boolean claim(Instant tick) {
    try {
      boolean mine = claims.claimTick(TICK_JOB, tick);
      if (mine && tick.getEpochSecond() % 3600 == 0) {
        claims.purgeTicks(TICK_JOB, clock.instant().minus(Duration.ofHours(1)));
        store.purge(clock.instant().minus(RETENTION));
      }
      return mine;
    } catch (SQLException e) {
      throw new IllegalStateException("alert tick " + tick + ": " + e.getMessage(), e);
    }
  }

  /**
   * Alerts, newest first, optionally of one state and one severity (names, case-insensitive).
   *
   * @throws io.stratacache.platform.InvalidInputException (400) for an unknown state or severity
   */
  public List<Alert> alerts(String state, String severity) {
    Optional<AlertState> s = blank(state) ? Optional.empty() : Optional.of(RuleEdit.state(state));
    Optional<Severity> v =
        blank(severity) ? Optional.empty() : Optional.of(RuleEdit.severity(severity));
    return store.alerts(s, v, LIST_LIMIT);
  }

  /** The active alerts, oldest first. */
  public List<Alert> active() {
    return store.active();
  }

  /**
   * Resolves an active alert.
   *
   * @throws UnknownEntityException (404) if there is no such alert
   * @throws WebApplicationException 409 if it is not active
   */
  public Alert resolve(long id) {
    try {
      return book.resolve(id);
    } catch (IllegalStateException e) {
      throw new WebApplicationException(e.getMessage(), Response.Status.CONFLICT);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
