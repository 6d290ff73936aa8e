package io.stratacache.brand;

import io.stratacache.rest.Params;
import io.stratacache.rest.UserOrAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Users' diagnosis activity. */
@Path("v1/users")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  @Inject UserService users;

  /**
   * Report counts, average score, status mix and top brands of one user: for that user's own token
   * or the admin's (anonymous 401, another user 403). 400/404 on bad ids.
   */
  @GET
  @Path("{id}/stats")
  @UserOrAdmin("id")
  public UserStats stats(@PathParam("id") String id) {
    return users.stats(Params.id("user id", id));
  }
}
