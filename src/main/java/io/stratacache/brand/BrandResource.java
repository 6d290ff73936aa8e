package io.stratacache.brand;

import io.stratacache.rest.AdminOnly;
import io.stratacache.rest.JsonRequests;
import io.stratacache.rest.Params;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Brands and their statistics; brands are created and changed by the admin. */
@Path("v1/brands")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BrandResource {

  @Inject BrandService brands;

  @Inject CachedAnswers answers;

  @Inject Clock clock;

  /** Brands with the most reports first. {@code limit} 1..1000, default 50. */
  @GET
  public List<BrandSummary> list(@QueryParam("limit") String limit) {
    return brands.brands(Params.limit(limit, 50));
  }

  /** One brand: id, name, category, creation time. 404 if unknown. */
  @GET
  @Path("{name}")
  public BrandView brand(@PathParam("name") String name) {
    return brands.brand(name);
  }

  /** Report count, average score, status mix and the last 30 days of one brand. 404 if unknown. */
  @GET
  @Path("{name}/stats")
  public BrandStats stats(@PathParam("name") String name) {
    return brands.stats(name);
  }

  /** Creates a brand: 201 with it; 409 if the name is taken; admin only. */
  @POST
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(WriteRequests.NewBrand body) {
    WriteRequests.NewBrand b = JsonRequests.required(body);
    String name = b.name().strip();
    BrandView brand =
        new BrandView(
            brands.newId(),
            name,
            b.category().strip(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
    brands.create(name, brand);
    answers.brandCreated(name);
    return Response.status(Response.Status.CREATED).entity(brand).build();
  }

  /** Moves a brand to another category: 200 with the brand; 404 if unknown; admin only. */
  @PUT
  @Path("{name}")
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public BrandView change(@PathParam("name") String name, WriteRequests.BrandChange body) {
    WriteRequests.BrandChange b = JsonRequests.required(body);
    BrandView brand = brands.recategorize(name, b.category().strip());
    answers.brandChanged(name);
    return brand;
  }
}
