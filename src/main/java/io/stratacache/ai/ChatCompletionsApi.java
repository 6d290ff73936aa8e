package io.stratacache.ai;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The OpenAI-compatible chat-completions endpoint, as a MicroProfile Rest Client interface built by
 * {@link UpstreamCall} (base URL {@code OPENAI_BASE_URL}, which ends before {@code
 * /chat/completions}). It answers the raw {@link Response}: statuses and {@code Retry-After} are
 * read by {@link UpstreamCall}, not turned into exceptions by the client.
 */
@Path("/chat/completions")
public interface ChatCompletionsApi {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Response complete(@HeaderParam("Authorization") String authorization, String body);
}
