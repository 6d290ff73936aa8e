package io.stratacache.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.Serializable;
import javax.cache.annotation.CacheResult;

/**
 * The ping answer cached with a JSR-107 annotation (cache {@code http-bench-ping}): the JCache path
 * the response-cache benchmark compares a filter hit with (docs/benchmarks.md). Same body as {@code
 * /api/v1/ping}.
 */
@Path("v1/ping/annotated")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AnnotatedPingResource {

  /** {@code {"status":"ok"}}. */
  public record Pong(String status) implements Serializable {}

  @GET
  @CacheResult(cacheName = "http-bench-ping")
  public Pong ping() {
    return new Pong("ok");
  }
}
