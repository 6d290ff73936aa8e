package io.stratacache.warmup;

import io.stratacache.brand.UserService;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.AdminOnly;
import io.stratacache.rest.Params;
import io.stratacache.warmup.hotkey.HotKey;
import io.stratacache.warmup.hotkey.HotKeyTracking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cache warm-up: status, history, hot keys, runs on demand, keys and users (README "Warm-up"). */
@Path("v1/cache/warmup")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class WarmupResource {

  /** The most keys one schedule request may queue. */
  static final int MAX_KEYS = 100_000;

  @Inject WarmupCoordinator coordinator;
  @Inject WarmupTriggers triggers;
  @Inject ScheduledKeyWarmup keys;
  @Inject UserService users;
  @Inject WarmupSettings settings;
  @Inject HotKeyTracking hotKeys;

  /** A task as the status lists it. */
  public record TaskView(String name, int order, int priority, long timeoutSeconds) {}

  /**
   * What {@code GET status} answers. {@code running}, {@code runningRunId} and {@code
   * runningTrigger} describe a run on this instance; {@code clusterRun} the run holding the
   * cluster-wide lease, on any instance (null if none), which is what a new run would get 409 for.
   */
  public record Status(
      boolean enabled,
      boolean running,
      String runningRunId,
      String runningTrigger,
      JdbcWarmupHistory.LeaseHolder clusterRun,
      String startup,
      List<TaskView> tasks,
      WarmupRun lastRun,
      Instant nextCron,
      Instant nextInterval,
      int pendingKeys,
      long keysWarmed,
      long keysFailed) {}

  /** A started run. */
  public record Started(String runId, List<String> tasks, boolean concurrent) {}

  /** The 409 answer: the error shape plus the running run's id. */
  public record Conflict(String error, String detail, String runningRunId) {}

  /** Queued keys. */
  public record Queued(String cache, int queued, int priority, Long ttlSeconds) {}

  /** A warmed user. */
  public record UserWarmed(long userId, int entries) {}

  /** The history. */
  public record History(List<WarmupRun> runs) {}

  /** What {@code GET hot-keys} answers. */
  public record HotKeysView(
      boolean tracking, int sampleEvery, long droppedReads, Map<String, List<HotKey>> caches) {}

  @GET
  @Path("status")
  public Status status() {
    List<TaskView> views = new ArrayList<>();
    int i = 0;
    for (WarmupTask t : coordinator.ordered()) {
      views.add(new TaskView(t.name(), ++i, t.priority(), t.timeout().toSeconds()));
    }
    var running = coordinator.running();
    return new Status(
        settings.enabled(),
        running.isPresent(),
        running.map(WarmupEngine.Running::id).orElse(null),
        running.map(WarmupEngine.Running::trigger).orElse(null),
        coordinator.clusterRun().orElse(null),
        coordinator.startupState().name(),
        views,
        coordinator.lastRun().orElse(null),
        triggers.next(WarmupTriggers.CRON).orElse(null),
        triggers.next(WarmupTriggers.INTERVAL).orElse(null),
        keys.pending(),
        keys.warmed(),
        keys.failed());
  }

  /**
   * The hottest keys of every cache on this instance over the current and the previous hour (the
   * keys {@code traffic_based} would warm); {@code limit} 1..1000 per cache, default 10.
   */
  @GET
  @Path("hot-keys")
  public HotKeysView hotKeys(@QueryParam("limit") String limit) {
    int k = Params.limit(limit, 10);
    Map<String, List<HotKey>> top = new LinkedHashMap<>();
    for (String cache : hotKeys.caches()) {
      top.put(cache, hotKeys.top(cache, k));
    }
    return new HotKeysView(
        hotKeys.settings().enabled(),
        hotKeys.settings().sampleEvery(),
        hotKeys.droppedReads(),
        top);
  }

  /** The latest runs of all instances, newest first; {@code limit} 1..1000, default 20. */
  @GET
  @Path("stats")
  public History stats(@QueryParam("limit") String limit) {
    return new History(coordinator.history(Params.limit(limit, 20)));
  }

  /**
   * Starts a run in the background: body {@code {"tasks":[names],"concurrent":bool}}, both optional
   * (all tasks; {@code CONCURRENT_WARMUP_ENABLED}). 202 with the run id; 409 if one runs.
   */
  @POST
  @Path("execute")
  @AdminOnly
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public Response execute(String body) {
    JsonObject o = object(body);
    List<String> names = strings(o, "tasks");
    boolean concurrent = bool(o, "concurrent", settings.concurrent());
    try {
      String id = coordinator.start(names, concurrent, "manual");
      List<String> chosen =
          names.isEmpty() ? coordinator.ordered().stream().map(WarmupTask::name).toList() : names;
      return Response.accepted(new Started(id, chosen, concurrent)).build();
    } catch (WarmupBusyException e) {
      return Response.status(409)
          .entity(new Conflict("warmup_running", e.getMessage(), e.runningRunId()))
          .build();
    }
  }

  /**
   * Queues keys of a cache: body {@code {"cache":name,"keys":[..],"priority":int,"ttlSeconds":n}}
   * ({@code priority} default 0, higher first; {@code ttlSeconds} optional, 1..31622400). 202.
   */
  @POST
  @Path("schedule")
  @AdminOnly
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public Response schedule(String body) {
    JsonObject o = object(body);
    if (!o.containsKey("cache") || o.get("cache").getValueType() != JsonValue.ValueType.STRING) {
      throw new InvalidInputException("cache is required; caches: " + keys.cacheNames());
    }
    String cache = o.getString("cache");
    List<String> list = strings(o, "keys");
    if (list.isEmpty() || list.size() > MAX_KEYS) {
      throw new InvalidInputException("keys must list 1.." + MAX_KEYS + " keys");
    }
    int priority = (int) number(o, "priority", 0, -1000, 1000);
    long ttl = number(o, "ttlSeconds", 0, 1, 31_622_400);
    Duration d = ttl == 0 ? null : Duration.ofSeconds(ttl);
    int queued = keys.schedule(cache, list, priority, d);
    return Response.accepted(new Queued(cache, queued, priority, ttl == 0 ? null : ttl)).build();
  }

  /** What {@code POST hot-keys/save} answers. */
  public record HotKeysSaved(int recentRows, int profileRows, int pruned) {}

  /**
   * Saves this instance's learned hot keys to the database now (as the save timer does), for
   * example just before a planned restart. 503 if they are not persisted ({@code
   * WARMUP_HOT_KEYS_SAVE_MINUTES=0} or tracking off) or the save failed (logged).
   */
  @POST
  @Path("hot-keys/save")
  @AdminOnly
  public Response saveHotKeys() {
    return hotKeys
        .save()
        .map(s -> Response.ok(new HotKeysSaved(s.recentRows(), s.profileRows(), s.pruned())))
        .orElse(
            Response.status(503)
                .entity(
                    Map.of(
                        "error",
                        "hot_keys_not_saved",
                        "detail",
                        "hot keys are not persisted (WARMUP_HOT_KEYS_SAVE_MINUTES=0 or tracking"
                            + " off) or the save failed: see the log")))
        .build();
  }

  /** Warms one user's statistics now. 404 if the user is unknown. */
  @POST
  @Path("user/{userId}")
  @AdminOnly
  public UserWarmed user(@PathParam("userId") String userId) {
    long id = Params.id("userId", userId);
    users.stats(id);
    return new UserWarmed(id, 1);
  }

  private static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader r = Json.createReader(new StringReader(body))) {
      JsonValue v = r.readValue();
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidInputException("the body must be a JSON object");
      }
      return v.asJsonObject();
    } catch (JsonException e) {
      throw new InvalidInputException("the body is not valid JSON: " + e.getMessage());
    }
  }

  private static List<String> strings(JsonObject o, String field) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new InvalidInputException(field + " must be an array of strings");
    }
    List<String> out = new ArrayList<>(a.size());
    for (JsonValue e : a) {
      if (e instanceof JsonString s) {
        out.add(s.getString());
      } else if (e instanceof JsonNumber n) {
        out.add(n.toString());
      } else {
        throw new InvalidInputException(field + " must be an array of strings");
      }
    }
    return out;
  }

  private static boolean bool(JsonObject o, String field, boolean def) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      return def;
    }
    if (v.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (v.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw new InvalidInputException(field + " must be true or false");
  }

  private static long number(JsonObject o, String field, long def, long min, long max) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      return def;
    }
    if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
      throw new InvalidInputException(field + " must be an integer");
    }
    long x = n.longValue();
    if (x < min || x > max) {
      throw new InvalidInputException(field + " must be between " + min + " and " + max);
    }
    return x;
  }
}
