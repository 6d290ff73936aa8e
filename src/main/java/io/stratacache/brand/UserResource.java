package io.stratacache.brand;

import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.AdminOnly;
import io.stratacache.rest.JsonRequests;
import io.stratacache.rest.Params;
import io.stratacache.rest.UserOrAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Users' diagnosis activity and profiles. */
@Path("v1/users")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  @Inject UserService users;

  @Inject CachedAnswers answers;

  @Inject Clock clock;

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

  /** Creates a user: 201 with the profile; 409 if the username is taken; admin only. */
  @POST
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(WriteRequests.NewUser body) {
    WriteRequests.NewUser b = JsonRequests.required(body);
    UserView user =
        users.create(
            b.username(),
            b.email(),
            LocalDateTime.ofInstant(
                clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
    answers.userCreated(user.id());
    return Response.status(Response.Status.CREATED).entity(user).build();
  }

  /**
   * Changes a profile (username, e-mail; a missing member keeps its value): the user itself or the
   * admin (another user 403). 404 unknown user, 409 username taken.
   */
  @PUT
  @Path("{id}")
  @UserOrAdmin("id")
  @Consumes(MediaType.APPLICATION_JSON)
  public UserView change(@PathParam("id") String id, WriteRequests.UserChange body) {
    WriteRequests.UserChange b = JsonRequests.required(body);
    if (b.username() == null && b.email() == null) {
      throw new InvalidInputException("nothing to change: send username, email or both");
    }
    long userId = Params.id("user id", id);
    UserView user = users.update(userId, b.username(), b.email());
    answers.userChanged(userId);
    return user;
  }
}
