package io.stratacache.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A trivial, uncached endpoint: a liveness probe for load balancers, and the baseline that the
 * cached endpoints' throughput is measured against (docs/benchmarks.md).
 */
@Path("v1/ping")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

  private static final Pong PONG = new Pong("ok");

  /** A constant answer. */
  public record Pong(String status) {}

  @GET
  public Pong ping() {
    return PONG;
  }
}
