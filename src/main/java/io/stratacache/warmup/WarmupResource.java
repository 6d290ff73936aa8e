package io.stratacache.warmup;

import io.stratacache.brand.UserService;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.AdminOnly;
import io.stratacache.rest.BodyLimit;
import io.stratacache.rest.Params;
import io.stratacache.warmup.hotkey.HotKey;
import io.stratacache.warmup.hotkey.HotKeyTracking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

  /** The largest schedule body read: 8 MiB, room for {@value #MAX_KEYS} keys of ~80 bytes. */
  static final int MAX_SCHEDULE_BYTES = 8 << 20;

  /** The largest execute body read: 64 KiB. */
  static final int MAX_EXECUTE_BYTES = 64 << 10;

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
   * (all tasks; {@code CONCURRENT_WARMUP_ENABLED}), and so is the body. 202 with the run id; 409 if
   * one runs.
   */
  @POST
  @Path("execute")
  @AdminOnly
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public Response execute(@BodyLimit(MAX_EXECUTE_BYTES) WarmupRequests.Execute body) {
    WarmupRequests.Execute request = body == null ? new WarmupRequests.Execute(null, null) : body;
    List<String> names = request.tasks();
    boolean concurrent =
        request.concurrent() == null ? settings.concurrent() : request.concurrent();
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
   * ({@code priority} default 0, higher first; {@code ttlSeconds} optional, 1..31622400), at most
   * {@value #MAX_SCHEDULE_BYTES} bytes. 202.
   */
  @POST
  @Path("schedule")
  @AdminOnly
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public Response schedule(@BodyLimit(MAX_SCHEDULE_BYTES) WarmupRequests.Schedule body) {
    if (body == null || body.cache() == null) {
      throw new InvalidInputException("cache is required; caches: " + keys.cacheNames());
    }
    WarmupRequests.Schedule request = body;
    int priority = request.priority() == null ? 0 : request.priority();
    Long ttl = request.ttlSeconds();
    Duration d = ttl == null ? null : Duration.ofSeconds(ttl);
    int queued = keys.schedule(request.cache(), request.keys(), priority, d);
    return Response.accepted(new Queued(request.cache(), queued, priority, ttl)).build();
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
}
