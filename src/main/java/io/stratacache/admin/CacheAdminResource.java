package io.stratacache.admin;

import io.stratacache.rest.AdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * Cache administration under {@code /api/v1/cache}: reads are open, every state-changing operation
 * needs the admin token ({@link AdminOnly}, checked before the body is read). Bodies are read by
 * {@link AdminRequests} with the size bound of {@link AdminLimits} (known only at run time, hence a
 * stream rather than a bound record parameter), then handed to {@link CacheAdministration}, which
 * documents each refusal.
 */
@Path("v1/cache")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CacheAdminResource {

  @Inject CacheAdministration admin;

  @Inject CacheChanges changes;

  /**
   * Statistics of every cache, or of {@code ?cache=NAME} (404 if unknown): of the cluster by
   * default, of this member with {@code ?scope=local}, of one member with {@code ?member=ID}.
   */
  @GET
  @Path("stats")
  public StatsAnswer stats(
      @QueryParam("cache") String cache,
      @QueryParam("scope") String scope,
      @QueryParam("member") String member) {
    return admin.stats(cache, scope, member);
  }

  /** {@code {"cache","key"}} → what the cache holds for the key, without loading it. */
  @POST
  @Path("get")
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public LookupAnswer get(InputStream body) {
    return admin.get(AdminRequests.getRequest(body, admin.limits().maxBodyBytes()));
  }

  /** {@code {"cache","key","value","ttlSeconds","tags"}} → stores the JSON value. Admin. */
  @POST
  @Path("set")
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public SetAnswer set(InputStream body) {
    return admin.set(AdminRequests.setRequest(body, admin.limits().maxBodyBytes()));
  }

  /** Empties {@code ?cache=NAME}, or every cache without it. Admin. */
  @DELETE
  @Path("clear")
  @AdminOnly
  public ClearAnswer clear(@QueryParam("cache") String cache) {
    return admin.clear(cache);
  }

  /**
   * Removes the entries of a cache with {@code ?tag=T} or whose key matches {@code ?pattern=GLOB}.
   * Admin.
   */
  @DELETE
  @Path("{name}")
  @AdminOnly
  public InvalidationAnswer invalidate(
      @PathParam("name") String name,
      @QueryParam("tag") String tag,
      @QueryParam("pattern") String pattern) {
    return admin.invalidate(name, tag, pattern);
  }

  /**
   * The changes of one cache for up to {@code ?seconds} (1..30, default 10) or until {@code ?max}
   * (1..1000, default 100) were seen, made here or on another instance: a JSR-107 listener on the
   * cache's view for that long. Admin.
   */
  @GET
  @Path("{name}/changes")
  @AdminOnly
  public CacheChanges.Watched changes(
      @PathParam("name") String name,
      @QueryParam("seconds") String seconds,
      @QueryParam("max") String max) {
    return changes.watch(name, seconds, max);
  }

  /** Removes one key (which may contain {@code /}) from every tier. Admin. */
  @DELETE
  @Path("{name}/{key: .+}")
  @AdminOnly
  public InvalidationAnswer delete(@PathParam("name") String name, @PathParam("key") String key) {
    return admin.invalidateKey(name, key);
  }

  /**
   * UP or DEGRADED per cache and tier: of the cluster by default (the worst member wins), of this
   * member with {@code ?scope=local}, of one member with {@code ?member=ID}.
   */
  @GET
  @Path("health")
  public HealthAnswer health(
      @QueryParam("scope") String scope, @QueryParam("member") String member) {
    return admin.health(scope, member);
  }

  /** Effective settings of every cache, or of {@code ?cache=NAME}, and the request limits. */
  @GET
  @Path("config")
  public ConfigAnswer config(@QueryParam("cache") String cache) {
    return admin.config(cache);
  }

  /** Runs the self-benchmark, {@code ?iterations=N} (1..100000, default 1000) per phase. Admin. */
  @POST
  @Path("benchmark")
  @AdminOnly
  public BenchmarkAnswer benchmark(@QueryParam("iterations") String iterations) {
    return admin.benchmark(CacheBenchmark.iterations(iterations));
  }
}
