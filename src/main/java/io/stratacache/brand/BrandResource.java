package io.stratacache.brand;

import io.stratacache.rest.Params;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Brands and their statistics. */
@Path("v1/brands")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BrandResource {

  @Inject BrandService brands;

  /** Brands with the most reports first. {@code limit} 1..1000, default 50. */
  @GET
  public List<BrandSummary> list(@QueryParam("limit") String limit) {
    return brands.brands(Params.limit(limit, 50));
  }

  /** Report count, average score, status mix and the last 30 days of one brand. 404 if unknown. */
  @GET
  @Path("{name}/stats")
  public BrandStats stats(@PathParam("name") String name) {
    return brands.stats(name);
  }
}
