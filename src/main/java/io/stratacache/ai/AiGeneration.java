package io.stratacache.ai;

import io.stratacache.brand.BrandService;
import io.stratacache.brand.BrandStats;
import io.stratacache.brand.DailyReportCount;
import io.stratacache.cache.ClusterCounters;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.platform.ApplicationDataSource;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.platform.UnknownEntityException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Generates a template section's text for given data, at most once per distinct input in the
 * cluster while its answer is cached.
 *
 * <p>A request resolves its template (current version) and section, adds the template's data source
 * ({@code brand_stats}), renders the prompt (refusing missing fields with 400), and derives its key
 * ({@link AnswerKey}). The answer is read from the {@code ai-answers} tiered cache (near, grid,
 * store); on a miss the cache's single-flight runs one generation per key in the whole cluster and
 * every concurrent caller of that key waits for it. The caller whose request ran the generation
 * gets {@code cached:false}, every other {@code cached:true}. The answer is then stored again with
 * the template's TTL and a tag of the template. A failed generation is never cached: the cache
 * keeps no exception and the next request tries again.
 *
 * <p>Generation is the mock ({@link MockGenerator}) without {@code OPENAI_API_KEY}, otherwise
 * {@link UpstreamCall} under {@link UpstreamRetry}. Thread-safe.
 */
@ApplicationScoped
public class AiGeneration {

  private static final Logger LOG = Logger.getLogger(AiGeneration.class.getName());

  /** The tiered cache of answers. */
  public static final String CACHE = "ai-answers";

  @Inject AiSettings settings;

  @Inject UpstreamCall upstream;

  @Inject TieredCaches caches;

  @Inject BrandService brands;

  @Inject MetricRegistry registry;

  @Inject Clock clock;

  @Inject ClusterCounters clusterCounters;

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  DataSource dataSource;

  private TemplateStore templates;
  private TieredCache<Object> answers;
  private AiMetrics metrics;
  private UpstreamRetry retry;
  private AiCacheCounters counters;
  private BreakerWatch breaker;

  @PostConstruct
  void init() {
    templates = new JdbcTemplateStore(dataSource);
    answers = caches.cache(CACHE, Object.class);
    counters = new AiCacheCounters(clusterCounters);
    breaker = new BreakerWatch(clock, settings.breakerDelay());
    metrics = new AiMetrics(registry, () -> breaker.open() ? 1 : 0);
    retry =
        new UpstreamRetry(
            settings.retry(),
            d -> Thread.sleep(d.toMillis()),
            () -> ThreadLocalRandom.current().nextDouble(),
            (cause, n, delay) -> {
              counters.retry();
              metrics.retry(cause.kind().name().toLowerCase(java.util.Locale.ROOT));
            });
  }

  /** Creates the bean, and so its metrics, at deployment. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    answers.name();
  }

  /**
   * The section's text for the request's data.
   *
   * @throws InvalidInputException (400) for a missing member or a field the prompt needs
   * @throws UnknownEntityException (404) for an unknown template, section or brand
   * @throws UpstreamException when the generation failed (nothing cached)
   */
  public GenerateAnswer generate(GenerateRequest request) {
    if (request == null) {
      throw new InvalidInputException(
          "a JSON body with template_id, section_id and data is required");
    }
    if (request.template_id() == null || request.template_id().isBlank()) {
      throw new InvalidInputException("template_id is required");
    }
    if (request.section_id() == null || request.section_id().isBlank()) {
      throw new InvalidInputException("section_id is required");
    }
    if (request.data() == null) {
      throw new InvalidInputException("data is required: a JSON object");
    }
    Template template =
        templates
            .find(request.template_id())
            .orElseThrow(
                () ->
                    new UnknownEntityException(
                        "template", "'" + request.template_id() + "'; see /api/ai/templates"));
    TemplateSection section =
        template
            .section(request.section_id())
            .orElseThrow(
                () ->
                    new UnknownEntityException(
                        "section",
                        "'"
                            + request.section_id()
                            + "' in template "
                            + template.id()
                            + "; its sections are "
                            + template.sections().stream()
                                .map(TemplateSection::id)
                                .collect(Collectors.joining(", "))));
    JsonObject data = withDataSource(template, request.data());
    ChatPrompt prompt =
        new ChatPrompt(
            template.systemPrompt(),
            PromptRenderer.render(
                section.prompt(), data, "section " + section.id() + " of " + template.id()),
            section.title());
    GenerationParameters parameters = parameters(template);
    String key = AnswerKey.of(template.id(), template.version(), section.id(), data, parameters);

    AtomicBoolean generatedHere = new AtomicBoolean();
    CachedAnswer answer;
    try {
      answer =
          (CachedAnswer)
              answers.get(
                  key,
                  k -> {
                    generatedHere.set(true);
                    Completion c = complete(parameters, prompt);
                    return new CachedAnswer(
                        c.content(),
                        section.title(),
                        c.model(),
                        c.promptTokens(),
                        c.completionTokens(),
                        template.id(),
                        template.version(),
                        clock.instant());
                  });
    } catch (RuntimeException e) {
      counters.error();
      metrics.request("error");
      throw unwrap(e);
    }
    if (generatedHere.get()) {
      answers.put(key, answer, template.ttl(), Set.of(tag(template.id())));
      counters.set();
      counters.miss(answer.tokens());
      metrics.request("miss");
      metrics.tokens("spent", answer.tokens());
    } else {
      counters.hit(answer.tokens());
      metrics.request("hit");
      metrics.tokens("saved", answer.tokens());
    }
    return new GenerateAnswer(
        true,
        answer.content(),
        answer.sectionTitle(),
        !generatedHere.get(),
        answer.model(),
        new GenerateAnswer.Usage(answer.promptTokens(), answer.completionTokens()),
        answer.templateVersion());
  }

  /** This instance's cache figures. */
  public AiCacheStats stats() {
    return counters.snapshot(settings.mock());
  }

  /**
   * The cluster's cache figures: the requests of every member summed ({@link
   * io.stratacache.cache.ClusterCounters}; another member's requests show within about a second).
   *
   * @throws RuntimeException if the grid did not answer within {@value #CLUSTER_READ_MILLIS} ms
   */
  public AiCacheStats clusterStats() {
    return counters.clusterSnapshot(settings.mock(), Duration.ofMillis(CLUSTER_READ_MILLIS));
  }

  /** The bound of a read of the cluster's figures. */
  static final long CLUSTER_READ_MILLIS = 2000;

  /**
   * The upstream's circuit breaker as this instance saw it.
   *
   * @param mock whether the mock answers (then there is no upstream and the breaker stays closed)
   * @param open whether it refuses calls now
   * @param openSince since when, if open
   * @param opened how many times this instance saw it open
   */
  public record BreakerState(boolean mock, boolean open, Instant openSince, long opened) {}

  /** The upstream's circuit breaker as this instance saw it. */
  public BreakerState breaker() {
    return new BreakerState(
        settings.mock(), breaker.open(), breaker.openSince().orElse(null), breaker.opened());
  }

  /**
   * Drops cached answers: of one template (every version), or all of them.
   *
   * @throws UnknownEntityException if {@code templateId} names no template
   */
  public void clear(String templateId) {
    if (templateId == null) {
      answers.clear();
      LOG.info("AI answer cache cleared");
      return;
    }
    TemplateRules.checkId(templateId);
    if (templates.find(templateId).isEmpty()) {
      throw new UnknownEntityException("template", "'" + templateId + "'");
    }
    answers.invalidateByPattern(AnswerKey.prefix(templateId) + "*");
    LOG.info(() -> "AI answers of template " + templateId + " dropped");
  }

  /** Every template. */
  public List<Template> templates() {
    return templates.list();
  }

  /** One template. @throws UnknownEntityException if there is none with that id */
  public Template template(String id) {
    TemplateRules.checkId(id);
    return templates
        .find(id)
        .orElseThrow(() -> new UnknownEntityException("template", "'" + id + "'"));
  }

  /**
   * Creates a template at version 1.
   *
   * @throws InvalidInputException if it is malformed
   * @throws TemplateConflictException if its id exists
   */
  public Template create(TemplateRequest request) {
    if (request == null) {
      throw new InvalidInputException("a JSON body is required");
    }
    Template t =
        TemplateRules.toTemplate(request.id(), 1, request, settings.defaultTtl(), clock.instant());
    if (!templates.create(t)) {
      throw new TemplateConflictException("template " + t.id() + " exists; PUT replaces it");
    }
    LOG.info(() -> "AI template " + t.id() + " created (version 1)");
    return t;
  }

  /**
   * Replaces a template by a new version; answers of older versions are never served for it (the
   * version is in their keys) and are dropped.
   */
  public Template update(String id, TemplateRequest request) {
    Template current = template(id);
    if (request != null && request.id() != null && !request.id().equals(id)) {
      throw new InvalidInputException("id " + request.id() + " does not match the path's " + id);
    }
    Template next =
        TemplateRules.toTemplate(
            id, current.version() + 1, request, settings.defaultTtl(), clock.instant());
    if (!templates.update(next)) {
      throw new TemplateConflictException(
          "template " + id + " changed meanwhile (version " + current.version() + " is gone)");
    }
    answers.invalidateByPattern(AnswerKey.prefix(id) + "v" + current.version() + ":*");
    LOG.info(() -> "AI template " + id + " updated to version " + next.version());
    return next;
  }

  GenerationParameters parameters(Template t) {
    if (settings.mock()) {
      return new GenerationParameters(
          MockGenerator.MODEL,
          MockGenerator.MODEL,
          t.temperature() == null ? settings.temperature() : t.temperature(),
          t.maxTokens() == null ? settings.maxTokens() : t.maxTokens(),
          t.topP(),
          t.seed());
    }
    return new GenerationParameters(
        settings.baseUrl(),
        t.model() == null ? settings.model() : t.model(),
        t.temperature() == null ? settings.temperature() : t.temperature(),
        t.maxTokens() == null ? settings.maxTokens() : t.maxTokens(),
        t.topP(),
        t.seed());
  }

  private Completion complete(GenerationParameters parameters, ChatPrompt prompt) {
    if (settings.mock()) {
      return MockGenerator.complete(prompt);
    }
    return retry.run(() -> attempt(parameters, prompt));
  }

  private Completion attempt(GenerationParameters parameters, ChatPrompt prompt) {
    long start = System.nanoTime();
    counters.upstreamCall();
    try {
      Completion c = upstream.complete(parameters, prompt);
      breaker.succeeded();
      timed("success", start);
      return c;
    } catch (UpstreamException e) {
      if (e.kind() == UpstreamException.Kind.TIMEOUT) {
        // Fault Tolerance may have interrupted this thread at the timeout; the retry must sleep.
        Thread.interrupted();
      }
      if (e.kind() == UpstreamException.Kind.REJECTED) {
        breaker.succeeded(); // the upstream answered: the breaker counts it as a success
      }
      timed(e.kind().name().toLowerCase(java.util.Locale.ROOT), start);
      throw e;
    } catch (TimeoutException e) {
      // Fault Tolerance interrupted this thread at the timeout; the retry must be able to sleep.
      Thread.interrupted();
      timed("timeout", start);
      throw new UpstreamException(
          UpstreamException.Kind.TIMEOUT,
          0,
          null,
          "the upstream did not answer within " + settings.callTimeout().toMillis() + " ms");
    } catch (CircuitBreakerOpenException e) {
      metrics.attempt("breaker_open", null);
      throw new UpstreamException(
          UpstreamException.Kind.BREAKER_OPEN,
          0,
          breaker.refused(),
          "the upstream failed repeatedly; its circuit breaker is open");
    } catch (BulkheadException e) {
      metrics.attempt("busy", null);
      throw new UpstreamException(
          UpstreamException.Kind.BUSY,
          0,
          Duration.ofSeconds(1),
          "too many upstream calls are under way on this instance");
    }
  }

  /**
   * Records an attempt that reached the upstream (answered or failed there) since {@code start}.
   */
  private void timed(String outcome, long start) {
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    metrics.attempt(outcome, latency);
    counters.upstreamLatency(latency);
  }

  /** The generation's own failure, if the cache's single-flight handed it over wrapped. */
  private static RuntimeException unwrap(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UpstreamException u) {
        return u;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return e;
  }

  static String tag(String templateId) {
    return "ai-template-" + templateId;
  }

  private JsonObject withDataSource(Template template, JsonObject data) {
    if (!Template.BRAND_STATS.equals(template.dataSource())) {
      return data;
    }
    if (!(data.get("brand") instanceof jakarta.json.JsonString name)
        || name.getString().isBlank()) {
      throw new InvalidInputException(
          "data is missing the field brand required by template " + template.id());
    }
    BrandStats stats = brands.stats(name.getString().strip());
    JsonObjectBuilder mix = Json.createObjectBuilder();
    stats.statusMix().forEach((status, n) -> mix.add(status.name().toLowerCase(), n));
    long recent = stats.trend().stream().mapToLong(DailyReportCount::reports).sum();
    JsonObjectBuilder s =
        Json.createObjectBuilder()
            .add("brand", stats.brand())
            .add("category", stats.category() == null ? "" : stats.category())
            .add("report_count", stats.reportCount())
            .add("status_mix", mix)
            .add("reports_last_30_days", recent);
    if (stats.averageScore() == null) {
      s.add("average_score", "none completed");
    } else {
      s.add("average_score", Math.round(stats.averageScore() * 10) / 10.0);
    }
    return Json.createObjectBuilder(data).add("stats", s).build();
  }
}
