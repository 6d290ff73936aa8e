package io.stratacache.admin;

import io.stratacache.admin.HealthAnswer.CacheHealth;
import io.stratacache.admin.HealthAnswer.Status;
import io.stratacache.admin.HealthAnswer.TierHealth;
import io.stratacache.admin.RefusedRequestException.Reason;
import io.stratacache.cache.CacheClock;
import io.stratacache.cache.CacheStats;
import io.stratacache.cache.ClusterStats;
import io.stratacache.cache.Lookup;
import io.stratacache.cache.MemberStats;
import io.stratacache.cache.TierStatus;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.codec.Codec;
import io.stratacache.cache.codec.Codecs;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.platform.UnknownEntityException;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cache administration: statistics, health and settings of the registry's caches, reading and
 * writing single entries, invalidation and clearing, and a self-benchmark. Plain Java, no container
 * needed.
 *
 * <p><b>Refusals change nothing:</b> every request is validated completely before any tier is
 * touched. Invalid input throws {@link InvalidInputException} (400), an unknown cache {@link
 * UnknownEntityException} (404), a key, pattern or value over {@link AdminLimits} {@link
 * RefusedRequestException} {@link Reason#TOO_LARGE} (413), a cache that cannot hold what {@code
 * set} writes {@link Reason#CONFLICT} (409).
 *
 * <p><b>Values:</b> {@link #get} never loads (it uses {@link TieredCache#peek}, which counts as a
 * request in the statistics and promotes a lower-tier hit); values are shown as JSON-B renders
 * them. {@link #set} stores the sent JSON as a {@link JsonDocument}, so only caches of {@code
 * Object} values whose codec gives it back intact accept it.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; one benchmark runs at a time.
 */
public final class CacheAdministration {

  private static final Logger LOG = Logger.getLogger(CacheAdministration.class.getName());

  /** The longest TTL {@code set} accepts: 366 days. */
  public static final long MAX_TTL_SECONDS = Duration.ofDays(366).toSeconds();

  /** The most tags {@code set} attaches to one value. */
  public static final int MAX_TAGS = 100;

  /** The longest tag, in characters (the cache's own bound). */
  public static final int MAX_TAG_LENGTH = 100;

  private final TieredCaches caches;
  private final AdminLimits limits;
  private final CacheBenchmark benchmark;
  private final Jsonb jsonb = JsonbBuilder.create();
  private final ConcurrentHashMap<String, Optional<String>> documentRefusals =
      new ConcurrentHashMap<>();

  /**
   * @param caches the registry administered
   * @param limits bounds on keys and values
   * @param clock time of the health window and of the benchmark's measurements
   */
  public CacheAdministration(TieredCaches caches, AdminLimits limits, CacheClock clock) {
    this.caches = Objects.requireNonNull(caches, "caches");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.benchmark = new CacheBenchmark(caches, clock);
  }

  /** The limits applied to requests. */
  public AdminLimits limits() {
    return limits;
  }

  /**
   * Statistics of one cache, or of all when {@code cache} is null or blank.
   *
   * @throws UnknownEntityException if {@code cache} names no cache
   */
  public StatsAnswer stats(String cache) {
    return stats(cache, null, null);
  }

  /**
   * Statistics of every cache, or of {@code cache}: of the whole cluster (scope null or {@code
   * cluster}: every member's figures summed), of this member ({@code local}), or of one member
   * ({@code member}, as it last published them).
   *
   * @throws InvalidInputException if {@code scope} is another word
   * @throws UnknownEntityException if {@code cache} names no cache, or {@code member} no member
   */
  public StatsAnswer stats(String cache, String scope, String member) {
    if (!blank(cache)) {
      existing(cache);
    }
    List<MemberStats> chosen;
    String answered;
    if (!blank(member)) {
      chosen = caches.memberStats().stream().filter(m -> m.member().equals(member)).toList();
      if (chosen.isEmpty()) {
        throw new UnknownEntityException("member", member);
      }
      answered = "member";
    } else if (blank(scope) || scope.equals("cluster")) {
      chosen = caches.memberStats();
      answered = "cluster";
    } else if (scope.equals("local")) {
      chosen = List.of(caches.publishMemberStats());
      answered = "local";
    } else {
      throw new InvalidInputException("scope must be cluster or local, not '" + scope + "'");
    }
    List<CacheStats> summed = ClusterStats.sum(chosen);
    if (!blank(cache)) {
      summed = summed.stream().filter(s -> s.name().equals(cache)).toList();
    }
    List<StatsAnswer.Member> members = new ArrayList<>();
    for (MemberStats m : chosen) {
      long requests = 0;
      long hits = 0;
      long warmup = 0;
      for (CacheStats s : m.caches()) {
        requests += s.requests();
        hits += s.hits() + s.staleHits();
        warmup += s.warmupRequests();
      }
      members.add(
          new StatsAnswer.Member(
              m.member(),
              m.member().equals(caches.instanceId()),
              java.time.Instant.ofEpochMilli(m.takenAtMillis()),
              requests,
              requests == 0 ? 0 : (double) hits / requests,
              warmup));
    }
    return new StatsAnswer(answered, members, summed);
  }

  /**
   * What {@code request.cache()} holds for {@code request.key()}, without loading.
   *
   * @throws InvalidInputException if the cache or key is missing or empty
   * @throws RefusedRequestException if the key is longer than the limit
   * @throws UnknownEntityException if the cache does not exist
   */
  public LookupAnswer get(GetRequest request) {
    Objects.requireNonNull(request, "request");
    TieredCache<?> cache = existing(required("cache", request.cache()));
    String key = key(request.key());
    Lookup<?> found = cache.peek(key);
    if (found instanceof Lookup.Present<?> present) {
      Object value = present.value();
      return new LookupAnswer(cache.name(), key, EntryState.PRESENT, typeOf(value), json(value));
    }
    EntryState state = found.isNotFound() ? EntryState.NOT_FOUND : EntryState.ABSENT;
    return new LookupAnswer(cache.name(), key, state, null, null);
  }

  /**
   * Stores {@code request.value()} as a {@link JsonDocument} in every tier of the cache, for {@code
   * ttlSeconds} (or the cache's TTL) with the given tags.
   *
   * @throws InvalidInputException if the cache, key or value is missing, the value is JSON {@code
   *     null}, the TTL is not in 1..{@value #MAX_TTL_SECONDS} or a tag is invalid
   * @throws RefusedRequestException {@link Reason#TOO_LARGE} if the key or value is over the limit,
   *     {@link Reason#CONFLICT} if the cache cannot hold a {@link JsonDocument}
   * @throws UnknownEntityException if the cache does not exist
   */
  public SetAnswer set(SetRequest request) {
    Objects.requireNonNull(request, "request");
    TieredCache<?> found = existing(required("cache", request.cache()));
    String key = key(request.key());
    Duration ttl = ttl(request.ttlSeconds());
    Set<String> tags = tags(request.tags());
    if (request.value() == null) {
      throw new InvalidInputException("value is required (any JSON value)");
    }
    if (request.value() == JsonValue.NULL) {
      throw new InvalidInputException("value must not be null; delete the key to remove it");
    }
    String json = request.value().toString();
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxValueBytes()) {
      throw new RefusedRequestException(
          Reason.TOO_LARGE,
          "value is "
              + bytes
              + " bytes of JSON; the limit is "
              + limits.maxValueBytes()
              + " ("
              + AdminLimits.MAX_VALUE_BYTES
              + ")");
    }
    TieredCache<Object> cache = documentCache(found);
    cache.put(key, new JsonDocument(json), ttl, tags);
    return new SetAnswer(cache.name(), key, bytes, request.ttlSeconds(), List.copyOf(tags));
  }

  /**
   * Removes {@code key} from every tier of {@code cache}.
   *
   * @throws InvalidInputException if the key is empty
   * @throws RefusedRequestException if the key is longer than the limit
   * @throws UnknownEntityException if the cache does not exist
   */
  public InvalidationAnswer invalidateKey(String cache, String key) {
    TieredCache<?> c = existing(cache);
    String k = key(key);
    c.invalidate(k);
    return new InvalidationAnswer(c.name(), "key", k);
  }

  /**
   * Removes the entries of {@code cache} tagged {@code tag}, or whose key matches the glob {@code
   * pattern} ({@code *} any run, {@code ?} one character); exactly one of the two.
   *
   * @throws InvalidInputException if both or neither are given, or the one given is empty or (a
   *     tag) invalid
   * @throws RefusedRequestException if the pattern is longer than the key limit
   * @throws UnknownEntityException if the cache does not exist
   */
  public InvalidationAnswer invalidate(String cache, String tag, String pattern) {
    TieredCache<?> c = existing(cache);
    if ((tag == null) == (pattern == null)) {
      throw new InvalidInputException("give exactly one of tag or pattern");
    }
    if (tag != null) {
      String t = tag(tag);
      c.invalidateByTag(t);
      return new InvalidationAnswer(c.name(), "tag", t);
    }
    if (pattern.isEmpty()) {
      throw new InvalidInputException("pattern must not be empty");
    }
    if (pattern.length() > limits.maxKeyLength()) {
      throw new RefusedRequestException(
          Reason.TOO_LARGE,
          "pattern is " + pattern.length() + " characters; the limit is " + limits.maxKeyLength());
    }
    c.invalidateByPattern(pattern);
    return new InvalidationAnswer(c.name(), "pattern", pattern);
  }

  /**
   * Empties one cache in every tier, or every cache when {@code cache} is null or blank.
   *
   * @throws UnknownEntityException if {@code cache} names no cache
   */
  public ClearAnswer clear(String cache) {
    if (!blank(cache)) {
      TieredCache<?> c = existing(cache);
      c.clear();
      return new ClearAnswer(List.of(c.name()));
    }
    List<String> cleared = new ArrayList<>();
    for (String name : caches.names()) {
      caches
          .find(name)
          .ifPresent(
              c -> {
                c.clear();
                cleared.add(name);
              });
    }
    LOG.log(Level.INFO, "cleared every cache: {0}", cleared);
    return new ClearAnswer(cleared);
  }

  /**
   * Health of every tier of every cache: {@code DEGRADED} while its error count rose within the
   * health window (observed at this or an earlier call) or while it cannot report its size.
   */
  public HealthAnswer health() {
    return health(null, null);
  }

  /**
   * The health of the cluster (scope null or {@code cluster}: the worst member's wins, from this
   * member's breakers and the others' as they last published them), of this member ({@code local})
   * or of one member ({@code member}). Calls no tier.
   *
   * @throws InvalidInputException if {@code scope} is another word
   * @throws UnknownEntityException if {@code member} names no member
   */
  public HealthAnswer health(String scope, String member) {
    List<HealthAnswer.MemberHealth> members = new ArrayList<>();
    Map<String, CacheHealth> merged = new java.util.TreeMap<>();
    Status overall = Status.UP;
    boolean local = "local".equals(scope);
    if (!blank(scope) && !local && !scope.equals("cluster")) {
      throw new InvalidInputException("scope must be cluster or local, not '" + scope + "'");
    }
    List<CacheHealth> mine = localHealth();
    List<List<CacheHealth>> chosen = new ArrayList<>();
    if (blank(member) || member.equals(caches.instanceId())) {
      chosen.add(mine);
      members.add(new HealthAnswer.MemberHealth(caches.instanceId(), true, worst(mine)));
    }
    if (!local) {
      for (MemberStats other : caches.otherMembers()) {
        if (blank(member) || member.equals(other.member())) {
          List<CacheHealth> theirs = health(other);
          chosen.add(theirs);
          members.add(new HealthAnswer.MemberHealth(other.member(), false, worst(theirs)));
        }
      }
    }
    if (chosen.isEmpty()) {
      throw new UnknownEntityException("member", member);
    }
    for (List<CacheHealth> one : chosen) {
      for (CacheHealth c : one) {
        merged.merge(c.cache(), c, CacheAdministration::worse);
      }
      overall = worse(overall, worst(one));
    }
    String answered = !blank(member) ? "member" : local ? "local" : "cluster";
    return new HealthAnswer(overall, answered, members, new ArrayList<>(merged.values()));
  }

  private static Status worst(List<CacheHealth> caches) {
    Status s = Status.UP;
    for (CacheHealth c : caches) {
      s = worse(s, c.status());
    }
    return s;
  }

  private static Status worse(Status a, Status b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /** The cache's health on two members: each tier's worse state. */
  private static CacheHealth worse(CacheHealth a, CacheHealth b) {
    Map<String, TierHealth> tiers = new java.util.LinkedHashMap<>();
    for (TierHealth t : a.tiers()) {
      tiers.put(t.tier(), t);
    }
    for (TierHealth t : b.tiers()) {
      tiers.merge(t.tier(), t, (x, y) -> x.status().ordinal() >= y.status().ordinal() ? x : y);
    }
    return new CacheHealth(a.cache(), worse(a.status(), b.status()), List.copyOf(tiers.values()));
  }

  /** Another member's health from what it published: its caches and its breakers. */
  private static List<CacheHealth> health(MemberStats member) {
    Map<String, Boolean> near = new java.util.TreeMap<>();
    for (CacheStats s : member.caches()) {
      near.put(s.name(), s.tier("near").isPresent());
    }
    return judge(near, member.statuses());
  }

  private List<CacheHealth> localHealth() {
    Map<String, Boolean> near = new java.util.TreeMap<>();
    for (String name : caches.names()) {
      caches.find(name).ifPresent(c -> near.put(name, c.settings().nearEnabled()));
    }
    return judge(near, caches.tierStatuses());
  }

  /** Each cache's health from its breakers. */
  private static List<CacheHealth> judge(Map<String, Boolean> near, List<TierStatus> statuses) {
    Map<String, List<TierStatus>> remote = new HashMap<>();
    for (TierStatus t : statuses) {
      remote.computeIfAbsent(t.cache(), k -> new ArrayList<>()).add(t);
    }
    List<CacheHealth> all = new ArrayList<>();
    near.forEach(
        (name, nearEnabled) -> {
          List<TierHealth> tiers = new ArrayList<>();
          if (nearEnabled) {
            tiers.add(new TierHealth("near", Status.UP, "CLOSED", null, 0));
          }
          Status cacheStatus = Status.UP;
          for (TierStatus t : remote.getOrDefault(name, List.of())) {
            Status status =
                switch (t.state()) {
                  case CLOSED -> Status.UP;
                  case HALF_OPEN -> Status.DEGRADED;
                  case OPEN -> Status.DOWN;
                };
            if (status != Status.UP) {
              cacheStatus = Status.DEGRADED;
            }
            tiers.add(
                new TierHealth(
                    t.tier(),
                    status,
                    t.state().name(),
                    t.degraded() ? t.reason() : null,
                    t.opens()));
          }
          all.add(new CacheHealth(name, cacheStatus, tiers));
        });
    return all;
  }

  /**
   * The effective settings of one cache, or of all when {@code cache} is null or blank.
   *
   * @throws UnknownEntityException if {@code cache} names no cache
   */
  public ConfigAnswer config(String cache) {
    List<ConfigAnswer.CacheConfig> configs = new ArrayList<>();
    if (blank(cache)) {
      for (String name : caches.names()) {
        caches.find(name).ifPresent(c -> configs.add(ConfigAnswer.CacheConfig.of(c.settings())));
      }
    } else {
      configs.add(ConfigAnswer.CacheConfig.of(existing(cache).settings()));
    }
    return new ConfigAnswer(limits.maxKeyLength(), limits.maxValueBytes(), configs);
  }

  /**
   * Runs the self-benchmark on scratch caches ({@value CacheBenchmark#NEAR_CACHE}, {@value
   * CacheBenchmark#GRID_CACHE}), never on application caches, and clears them afterwards.
   *
   * @param iterations measured operations per phase, 1..{@value CacheBenchmark#MAX_ITERATIONS}
   * @throws InvalidInputException if {@code iterations} is out of range
   * @throws RefusedRequestException {@link Reason#CONFLICT} if a benchmark is running, or a scratch
   *     cache exists with other settings
   */
  public BenchmarkAnswer benchmark(int iterations) {
    return benchmark.run(iterations);
  }

  private TieredCache<?> existing(String cache) {
    if (blank(cache)) {
      throw new InvalidInputException("cache is required");
    }
    return caches.find(cache).orElseThrow(() -> new UnknownEntityException("cache", cache));
  }

  private String key(String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidInputException("key is required and must not be empty");
    }
    if (key.length() > limits.maxKeyLength()) {
      throw new RefusedRequestException(
          Reason.TOO_LARGE,
          "key is "
              + key.length()
              + " characters; the limit is "
              + limits.maxKeyLength()
              + " ("
              + AdminLimits.MAX_KEY_LENGTH
              + ")");
    }
    return key;
  }

  private static Duration ttl(Long seconds) {
    if (seconds == null) {
      return null;
    }
    if (seconds < 1 || seconds > MAX_TTL_SECONDS) {
      throw new InvalidInputException(
          "ttlSeconds must be between 1 and " + MAX_TTL_SECONDS + ", was " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  private static Set<String> tags(List<String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new InvalidInputException("at most " + MAX_TAGS + " tags, got " + tags.size());
    }
    Set<String> valid = new LinkedHashSet<>();
    for (String t : tags) {
      valid.add(tag(t));
    }
    return valid;
  }

  private static String tag(String tag) {
    if (tag == null || tag.isEmpty() || tag.length() > MAX_TAG_LENGTH || tag.indexOf(',') >= 0) {
      throw new InvalidInputException(
          "a tag is 1-" + MAX_TAG_LENGTH + " characters without a comma, was '" + tag + "'");
    }
    return tag;
  }

  /** The cache as a cache of Objects, if a {@link JsonDocument} survives its codec. */
  @SuppressWarnings("unchecked")
  private TieredCache<Object> documentCache(TieredCache<?> cache) {
    TieredCache<Object> objects;
    try {
      objects = caches.cache(cache.name(), Object.class);
    } catch (IllegalArgumentException e) {
      throw new RefusedRequestException(
          Reason.CONFLICT,
          "cache "
              + cache.name()
              + " holds values of one application type; set writes JSON "
              + "documents and only into caches of Object values");
    }
    Optional<String> refusal =
        documentRefusals.computeIfAbsent(cache.name(), n -> codecRefusal(objects));
    if (refusal.isPresent()) {
      throw new RefusedRequestException(Reason.CONFLICT, refusal.get());
    }
    return objects;
  }

  private static Optional<String> codecRefusal(TieredCache<Object> cache) {
    String codecName = cache.settings().codec();
    JsonDocument probe = new JsonDocument("{\"probe\":[1,\"x\"]}");
    try {
      Codec<Object> codec = Codecs.named(codecName, Object.class, cache.settings().codecAllow());
      if (probe.equals(codec.decode(codec.encode(probe)))) {
        return Optional.empty();
      }
    } catch (RuntimeException e) {
      // refused below
    }
    String remedy =
        Codecs.BINARY.equals(codecName)
            ? "add it to cache." + cache.name() + ".codec.allow"
            : "set writes into caches of the binary codec only";
    return Optional.of(
        "cache "
            + cache.name()
            + " uses codec '"
            + codecName
            + "', which cannot give back a "
            + JsonDocument.class.getName()
            + " ("
            + remedy
            + ")");
  }

  private static String typeOf(Object value) {
    return value instanceof JsonDocument ? "json" : value.getClass().getSimpleName();
  }

  private JsonValue json(Object value) {
    try {
      String text = value instanceof JsonDocument d ? d.json() : jsonb.toJson(value);
      return AdminRequests.parse(text);
    } catch (JsonbException | JsonException e) {
      LOG.log(
          Level.FINE,
          "no JSON form for a {0}: {1}",
          new Object[] {value.getClass().getName(), e.toString()});
      return null;
    }
  }

  private static String required(String name, String value) {
    if (blank(value)) {
      throw new InvalidInputException(name + " is required");
    }
    return value;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
