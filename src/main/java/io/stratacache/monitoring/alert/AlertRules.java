package io.stratacache.monitoring.alert;

import io.stratacache.cache.TierStatus;
import io.stratacache.monitoring.AlertCondition;
import io.stratacache.monitoring.CacheHistory;
import io.stratacache.monitoring.CacheWindow;
import io.stratacache.monitoring.TierHealth;
import io.stratacache.warmup.WarmupRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The alert rules: their defaults (SPEC section 5) and what each checks. A rule's tunables come
 * from the database ({@link AlertRule}); its condition is fixed by its name. Stateless.
 *
 * <p>Hit-rate and miss rules judge {@link Observations#window} (for alert evaluation the cluster's
 * sum, see {@link ClusterObservations}); latency rules judge the slowest of {@link
 * Observations#memberWindows} (the worst member). Hit-rate rules only judge a cache that served at
 * least {@code minRequests} requests in the window, and latency rules a member that timed at least
 * {@value #MIN_LATENCY_SAMPLES} calls: an idle cache does not alert.
 *
 * <p>Other features add rules through {@link AlertCondition}: they follow the monitoring's own in
 * {@link #all}, start with a window of 300 s, and fire for each reading above their threshold.
 */
public final class AlertRules {

  public static final String HIT_RATE_LOW = "hit_rate_low";
  public static final String HIT_RATE_CRITICAL = "hit_rate_critical";
  public static final String NEAR_BYTES_HIGH = "near_bytes_high";
  public static final String READ_LATENCY_HIGH = "read_latency_high";
  public static final String WRITE_LATENCY_HIGH = "write_latency_high";
  public static final String MISSES_HIGH = "misses_high";
  public static final String WARMUP_FAILED = "warmup_failed";
  public static final String TIER_DEGRADED = "tier_degraded";

  /** The cache of conditions that belong to no cache. */
  public static final String NO_CACHE = "*";

  /** Bounds of a rule's window in seconds. */
  public static final int MIN_WINDOW = 30;

  public static final int MAX_WINDOW = CacheHistory.RETENTION_SECONDS;

  /** Calls a latency rule needs in its window before it judges a cache. */
  public static final int MIN_LATENCY_SAMPLES = 10;

  /** The default of {@code MONITORING_ALERT_MIN_REQUESTS}. */
  public static final int DEFAULT_MIN_REQUESTS = 100;

  /** Every rule with its default tunables, in a stable order. */
  public static final List<AlertRule> DEFAULTS =
      List.of(
          new AlertRule(
              HIT_RATE_LOW,
              "hit rate (hits / requests over the window, ratio 0..1) below the threshold",
              0.70,
              300,
              Severity.HIGH,
              true),
          new AlertRule(
              HIT_RATE_CRITICAL,
              "hit rate (hits / requests over the window, ratio 0..1) below the threshold",
              0.50,
              300,
              Severity.CRITICAL,
              true),
          new AlertRule(
              NEAR_BYTES_HIGH,
              "bytes held by the near (in-process) tier above the threshold (bytes)",
              100.0 * 1024 * 1024,
              300,
              Severity.MEDIUM,
              true),
          new AlertRule(
              READ_LATENCY_HIGH,
              "mean duration of get calls over the window, loads included, above the threshold"
                  + " (milliseconds)",
              100,
              300,
              Severity.HIGH,
              true),
          new AlertRule(
              WRITE_LATENCY_HIGH,
              "mean duration of put calls over the window above the threshold (milliseconds)",
              200,
              300,
              Severity.HIGH,
              true),
          new AlertRule(
              MISSES_HIGH,
              "misses over the window above the threshold (count)",
              1000,
              300,
              Severity.MEDIUM,
              true),
          new AlertRule(
              WARMUP_FAILED,
              "failed tasks of the last warm-up run above the threshold (count)",
              0,
              300,
              Severity.HIGH,
              true),
          new AlertRule(
              TIER_DEGRADED,
              "remote tiers of a cache whose circuit breaker is not closed (DEGRADED or DOWN)"
                  + " above the threshold (count)",
              0,
              300,
              Severity.HIGH,
              true));

  static final Map<String, AlertRule> BY_NAME =
      DEFAULTS.stream().collect(Collectors.toMap(AlertRule::name, Function.identity()));

  private static final Logger LOG = Logger.getLogger(AlertRules.class.getName());

  private static final Pattern RULE_NAME = Pattern.compile("[a-z0-9_]{1,64}");

  private final int minRequests;
  private final Map<String, AlertCondition> conditions;
  private final List<AlertRule> all;

  /**
   * @param minRequests requests a hit-rate rule needs in its window before it judges a cache
   */
  AlertRules(int minRequests) {
    this(minRequests, List.of());
  }

  /**
   * @param minRequests requests a hit-rate rule needs in its window before it judges a cache
   * @param contributed the conditions other features add, after the monitoring's own rules
   * @throws IllegalArgumentException for a contributed condition with a bad or taken name, a
   *     negative or non-finite threshold or an unknown severity
   */
  AlertRules(int minRequests, List<? extends AlertCondition> contributed) {
    if (minRequests < 1) {
      throw new IllegalArgumentException("minRequests must be positive: " + minRequests);
    }
    this.minRequests = minRequests;
    Map<String, AlertCondition> byName = new LinkedHashMap<>();
    List<AlertRule> rules = new ArrayList<>(DEFAULTS);
    for (AlertCondition c : contributed) {
      String name = c.rule();
      if (name == null || !RULE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "alert condition " + c.getClass().getName() + ": bad rule name " + name);
      }
      if (BY_NAME.containsKey(name) || byName.containsKey(name)) {
        throw new IllegalArgumentException("alert rule " + name + " is defined twice");
      }
      double threshold = c.defaultThreshold();
      if (!Double.isFinite(threshold) || threshold < 0) {
        throw new IllegalArgumentException(
            "alert rule " + name + ": threshold must be a number >= 0, was " + threshold);
      }
      Severity severity;
      try {
        severity = Severity.valueOf(String.valueOf(c.defaultSeverity()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "alert rule " + name + ": unknown severity " + c.defaultSeverity(), e);
      }
      byName.put(name, c);
      rules.add(new AlertRule(name, c.description(), threshold, 300, severity, true));
    }
    this.conditions = Map.copyOf(byName);
    this.all = List.copyOf(rules);
  }

  /** Every rule with its default tunables: the monitoring's own, then the contributed ones. */
  List<AlertRule> all() {
    return all;
  }

  /** The default of rule {@code name} among {@link #all}, if there is such a rule. */
  Optional<AlertRule> defaultOf(String name) {
    return all.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  int minRequests() {
    return minRequests;
  }

  /** The default of rule {@code name}, if there is such a rule. */
  public static Optional<AlertRule> defaults(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** What the enabled {@code rules} find now. */
  List<Finding> check(List<AlertRule> rules, Observations o) {
    List<Finding> found = new ArrayList<>();
    for (AlertRule rule : rules) {
      if (rule.enabled()) {
        check(rule, o, found);
      }
    }
    return found;
  }

  private void check(AlertRule rule, Observations o, List<Finding> found) {
    Duration window = Duration.ofSeconds(rule.windowSeconds());
    double t = rule.threshold();
    switch (rule.name()) {
      case HIT_RATE_LOW, HIT_RATE_CRITICAL -> {
        checkWindows(
            rule,
            o,
            found,
            w -> w.requests() >= minRequests && w.hitRate() < t,
            CacheWindow::hitRate,
            w ->
                String.format(
                    Locale.ROOT,
                    "hit rate %.1f%% < %s%% (%d requests in %d s)",
                    w.hitRate() * 100,
                    number(t * 100),
                    w.requests(),
                    w.seconds()));
      }
      case NEAR_BYTES_HIGH -> {
        for (String cache : o.caches()) {
          long bytes = o.nearBytes(cache);
          if (bytes >= 0 && bytes > t) {
            found.add(
                new Finding(
                    rule,
                    cache,
                    bytes,
                    String.format(
                        Locale.ROOT,
                        "near tier holds %.1f MB > %.1f MB",
                        bytes / 1048576.0,
                        t / 1048576.0)));
          }
        }
      }
      case READ_LATENCY_HIGH, WRITE_LATENCY_HIGH -> {
        boolean read = rule.name().equals(READ_LATENCY_HIGH);
        for (String cache : o.caches()) {
          // the worst member that timed enough calls to be judged
          List<CacheWindow> members = o.memberWindows(cache, window);
          CacheWindow worst = null;
          for (CacheWindow w : members) {
            long calls = read ? w.gets() : w.timedPuts();
            double mean = read ? w.getMeanMillis() : w.putMeanMillis();
            if (calls >= MIN_LATENCY_SAMPLES
                && (worst == null
                    || mean > (read ? worst.getMeanMillis() : worst.putMeanMillis()))) {
              worst = w;
            }
          }
          if (worst == null) {
            continue;
          }
          long calls = read ? worst.gets() : worst.timedPuts();
          double mean = read ? worst.getMeanMillis() : worst.putMeanMillis();
          if (mean > t) {
            found.add(
                new Finding(
                    rule,
                    cache,
                    mean,
                    String.format(
                        Locale.ROOT,
                        "mean %s latency %.1f ms > %s ms (%d calls in %d s%s)",
                        read ? "get" : "put",
                        mean,
                        number(t),
                        calls,
                        worst.seconds(),
                        members.size() > 1
                            ? ", the slowest of " + members.size() + " members"
                            : "")));
          }
        }
      }
      case MISSES_HIGH -> {
        checkWindows(
            rule,
            o,
            found,
            w -> w.misses() > t,
            CacheWindow::misses,
            w ->
                String.format(
                    Locale.ROOT, "%d misses in %d s > %s", w.misses(), w.seconds(), number(t)));
      }
      case WARMUP_FAILED -> {
        Optional<WarmupRun> last = o.lastWarmupRun();
        if (last.isPresent() && last.get().tasksFailed() > t) {
          WarmupRun r = last.get();
          found.add(
              new Finding(
                  rule,
                  NO_CACHE,
                  r.tasksFailed(),
                  String.format(
                      Locale.ROOT,
                      "warm-up run %s (%s) failed %d of %d tasks",
                      r.id(),
                      r.trigger(),
                      r.tasksFailed(),
                      r.tasksTotal())));
        }
      }
      case TIER_DEGRADED -> {
        for (String cache : o.caches()) {
          List<TierStatus> degraded = o.degradedTiers(cache);
          if (degraded.size() > t) {
            found.add(
                new Finding(
                    rule,
                    cache,
                    degraded.size(),
                    degraded.stream()
                        .map(s -> s.tier() + " " + TierHealth.of(s.state()) + ": " + s.reason())
                        .collect(Collectors.joining("; "))));
          }
        }
      }
      default -> {
        AlertCondition c = conditions.get(rule.name());
        if (c != null) {
          checkCondition(rule, c, window, found);
        }
        // otherwise a stored rule this version does not know: nothing to check
      }
    }
  }

  /** Adds a finding for each reading of a contributed condition above the rule's threshold. */
  private static void checkCondition(
      AlertRule rule, AlertCondition c, Duration window, List<Finding> found) {
    List<AlertCondition.Reading> readings;
    try {
      readings = c.read(window);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Alert rule {0} not judged: its condition failed: {1}",
          new Object[] {rule.name(), e.toString()});
      return;
    }
    for (AlertCondition.Reading r :
        readings == null ? List.<AlertCondition.Reading>of() : readings) {
      if (r != null && r.subject() != null && r.value() > rule.threshold()) {
        found.add(
            new Finding(
                rule, r.subject(), r.value(), r.message() == null ? rule.name() : r.message()));
      }
    }
  }

  /**
   * Adds a finding for every cache whose window of the rule breaches: the window rules (hit rate,
   * misses) differ only in the test, the figure and the words.
   */
  private static void checkWindows(
      AlertRule rule,
      Observations o,
      List<Finding> found,
      Predicate<CacheWindow> breached,
      ToDoubleFunction<CacheWindow> value,
      Function<CacheWindow, String> message) {
    Duration window = Duration.ofSeconds(rule.windowSeconds());
    for (String cache : o.caches()) {
      o.window(cache, window)
          .filter(breached)
          .ifPresent(
              w -> found.add(new Finding(rule, cache, value.applyAsDouble(w), message.apply(w))));
    }
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.2f", v);
  }
}
