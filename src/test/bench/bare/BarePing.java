package bench.bare;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The same answer as the application's /api/v1/ping ({"status":"ok"} through JSON-B). */
@Path("ping")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BarePing {
  private static final Pong PONG = new Pong("ok");

  /** The answer. */
  public record Pong(String status) {}

  /** A constant answer. */
  @GET
  public Pong ping() {
    return PONG;
  }
}
