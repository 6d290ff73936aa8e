package io.stratacache.http;

import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.platform.ApplicationDataSource;
import io.stratacache.platform.ConfigValues;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.platform.UnknownEntityException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The response cache of this instance: its request path ({@link ResponseCache}), its rules (in the
 * database, reloaded on every instance when their version moves; polled every {@code
 * HTTP_CACHE_RULES_POLL}, 500 ms by default) and their administration, invalidation, metrics.
 * Thread-safe.
 */
@ApplicationScoped
public class ResponseCaching {

  private static final Logger LOG = Logger.getLogger(ResponseCaching.class.getName());

  /** The tiered cache holding the answers. */
  public static final String CACHE = "http-responses";

  @Inject TieredCaches caches;

  @Inject Config config;

  @Inject Clock clock;

  @Inject MetricRegistry metrics;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  @Resource ManagedScheduledExecutorService scheduler;

  private ResponseCache engine;
  private JdbcRuleStore store;
  private boolean enabled;
  private final Map<String, RuleStats> stats = new ConcurrentHashMap<>();
  private final Set<String> metered = ConcurrentHashMap.newKeySet();
  private volatile List<ResponseRule> all = List.of();
  private volatile long version = Long.MIN_VALUE;
  private volatile String loadError;
  private ScheduledFuture<?> poll;

  @PostConstruct
  void start() {
    java.util.function.Function<String, java.util.Optional<String>> c =
        k -> config.getOptionalValue(k, String.class);
    enabled = ConfigValues.flag(c, "HTTP_CACHE_ENABLED", true);
    TieredCache<Object> cache = caches.cache(CACHE, Object.class);
    Upstream upstream =
        new Upstream(
            Duration.ofMillis(
                ConfigValues.integer(
                    c, "HTTP_CACHE_UPSTREAM_CONNECT_TIMEOUT_MS", 2000, 1, 600_000)),
            Duration.ofMillis(
                ConfigValues.integer(c, "HTTP_CACHE_UPSTREAM_TIMEOUT_MS", 10_000, 1, 600_000)));
    engine = new ResponseCache(cache, clock, upstream);
    store = new JdbcRuleStore(dataSource);
    long every = ConfigValues.integer(c, "HTTP_CACHE_RULES_POLL_MS", 500, 50, 60_000);
    poll = scheduler.scheduleWithFixedDelay(this::reload, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Starts with the application (the filter would otherwise start it on the first request). */
  void boot(@Observes @Initialized(ApplicationScoped.class) Object event) {
    engine.rules();
  }

  @PreDestroy
  void stop() {
    if (poll != null) {
      poll.cancel(false);
    }
  }

  /** The request path, or null when the response cache is switched off. */
  ResponseCache engine() {
    return enabled ? engine : null;
  }

  /** Reloads the rules if their version moved; seeds the defaults on the first run. */
  void reload() {
    try {
      long v = store.version();
      if (v < 0) {
        java.util.function.Function<String, java.util.Optional<String>> c =
            k -> config.getOptionalValue(k, String.class);
        boolean on =
            !"disabled".equals(ConfigValues.text(c, "HTTP_CACHE_DEFAULT_RULES", "enabled"));
        if (store.seed(Rules.defaults(on), clock.instant())) {
          LOG.info("Response cache: default rules seeded (" + (on ? "enabled" : "disabled") + ")");
        }
        v = store.version();
      }
      if (v == version) {
        return;
      }
      List<ResponseRule> rules = store.rules();
      List<ResponseRule> usable = new ArrayList<>();
      for (ResponseRule r : rules) {
        try {
          PathPattern.compile(r.pattern());
          usable.add(r);
        } catch (IllegalArgumentException e) {
          LOG.warning("Response cache rule " + r.id() + " skipped: " + e.getMessage());
        }
      }
      all = List.copyOf(usable);
      engine.rules(RuleSet.of(usable, v, this::statsOf));
      for (ResponseRule r : usable) {
        meter(r.id());
      }
      boolean first = version == Long.MIN_VALUE;
      version = v;
      loadError = null;
      LOG.log(
          first ? Level.INFO : Level.FINE,
          "Response cache: {0} rules ({1} enabled), version {2}",
          new Object[] {usable.size(), engine.rules().rules().size(), v});
    } catch (RuntimeException e) {
      if (loadError == null) {
        LOG.warning("Response cache rules not loaded (retrying): " + e.getMessage());
      }
      loadError = e.getMessage();
    }
  }

  RuleStats statsOf(String id) {
    return stats.computeIfAbsent(id, k -> new RuleStats());
  }

  // ------------------------------------------------------------------ administration

  /** Every rule with its counters on this instance. */
  public List<RuleView> rules() {
    List<RuleView> out = new ArrayList<>();
    for (ResponseRule r : all) {
      out.add(new RuleView(r, statsOf(r.id()).snapshot(r.id())));
    }
    return out;
  }

  /** The counters of every enabled rule on this instance (no patterns, no upstreams). */
  public List<RuleCounts> counts() {
    List<RuleCounts> out = new ArrayList<>();
    for (CompiledRule r : engine.rules().rules()) {
      out.add(r.stats().snapshot(r.id()));
    }
    return out;
  }

  /**
   * Creates a rule.
   *
   * @throws InvalidInputException for a bad rule
   * @throws ClientErrorException 409 for a taken id or pattern
   */
  public ResponseRule create(RuleRequest body) {
    ResponseRule rule = Rules.validate(body, null);
    if (!store.create(rule, clock.instant())) {
      throw new ClientErrorException(
          "a rule with id '" + rule.id() + "' or pattern '" + rule.pattern() + "' exists",
          Response.Status.CONFLICT);
    }
    applied();
    return rule;
  }

  /** Replaces a rule; 404 unknown, 409 pattern taken. */
  public ResponseRule replace(String id, RuleRequest body) {
    ResponseRule rule = Rules.validate(body, id);
    switch (store.update(rule, clock.instant())) {
      case UNKNOWN -> throw new UnknownEntityException("response-cache rule", id);
      case DUPLICATE_PATTERN ->
          throw new ClientErrorException(
              "another rule has pattern '" + rule.pattern() + "'", Response.Status.CONFLICT);
      default -> {}
    }
    applied();
    engine.cache().invalidateByTag("rule:" + id);
    return rule;
  }

  /** Deletes a rule and its entries; 404 unknown. */
  public void delete(String id) {
    if (!store.delete(id)) {
      throw new UnknownEntityException("response-cache rule", id);
    }
    applied();
    engine.cache().invalidateByTag("rule:" + id);
  }

  private void applied() {
    reload();
  }

  /**
   * Invalidates stored answers on every instance: by path pattern (the rules' syntax), by tag, or
   * by user (the entries of per-user rules kept for that caller). Exactly one.
   */
  public Invalidated invalidate(String pattern, String tag, String user) {
    int given = (pattern != null ? 1 : 0) + (tag != null ? 1 : 0) + (user != null ? 1 : 0);
    if (given != 1) {
      throw new InvalidInputException("give exactly one of pattern, tag, user");
    }
    if (pattern != null) {
      PathPattern p;
      try {
        p = PathPattern.compile(pattern);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(e.getMessage());
      }
      engine.cache().invalidateByPattern(p.keyGlob());
      return new Invalidated("pattern", pattern);
    }
    if (tag != null) {
      if (tag.isBlank() || tag.length() > 100 || tag.contains(",")) {
        throw new InvalidInputException("tag: 1-100 characters without a comma");
      }
      engine.cache().invalidateByTag(tag);
      return new Invalidated("tag", tag);
    }
    if (user.isBlank() || user.length() > 200) {
      throw new InvalidInputException("user: 1-200 characters");
    }
    engine.cache().invalidateByTag(ResponseKeys.userTag(user));
    return new Invalidated("user", user);
  }

  /** What was invalidated. */
  public record Invalidated(String scope, String subject) {}

  /** A rule and its counters. */
  public record RuleView(ResponseRule rule, RuleCounts counts) {}

  /** Health figures: rules loaded, their version, the last load error. */
  record State(int rules, int enabled, long version, String error) {}

  State state() {
    return new State(
        all.size(), engine.rules().rules().size(), version, enabled ? loadError : "switched off");
  }

  // ------------------------------------------------------------------ metrics

  private void meter(String id) {
    if (!metered.add(id) || metrics == null) {
      return;
    }
    Tag rule = new Tag("rule", id);
    gauge(
        "stratacache_http_hits",
        "response-cache hits (fresh, coalesced, 304)",
        id,
        rule,
        s -> s.hits.sum());
    gauge(
        "stratacache_http_misses",
        "response-cache misses (backend called)",
        id,
        rule,
        s -> s.misses.sum());
    gauge("stratacache_http_stale", "stale answers served", id, rule, s -> s.stale.sum());
    gauge(
        "stratacache_http_bypass",
        "answers the rule covered but the cache did not use",
        id,
        rule,
        s -> s.bypass.sum());
    gauge(
        "stratacache_http_revalidated",
        "stored answers confirmed by the backend",
        id,
        rule,
        s -> s.revalidated.sum());
    gauge(
        "stratacache_http_bytes",
        "body bytes served from the cache",
        id,
        rule,
        s -> s.bytesServed.sum());
    gauge(
        "stratacache_http_backend_calls",
        "backend calls under the rule",
        id,
        rule,
        s -> s.backendCalls.sum());
    gauge(
        "stratacache_http_backend_saved_seconds",
        "backend time saved: cache answers times the average backend time",
        id,
        rule,
        s -> s.savedNanos() / 1e9);
  }

  private void gauge(
      String name,
      String description,
      String id,
      Tag tag,
      java.util.function.ToDoubleFunction<RuleStats> f) {
    try {
      metrics.gauge(
          Metadata.builder().withName(name).withDescription(description).build(),
          () -> f.applyAsDouble(statsOf(id)),
          tag);
    } catch (RuntimeException e) {
      LOG.log(
          Level.FINE, "metric {0} for rule {1} not registered: {2}", new Object[] {name, id, e});
    }
  }
}
