package io.stratacache.monitoring.suggestion;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/v1/cache/monitoring/suggestions}: tuning suggestions with their evidence (open).
 */
@Path("v1/cache/monitoring/suggestions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SuggestionResource {

  /** {@code {"suggestions":[...]}}. */
  public record SuggestionsAnswer(List<Suggestion> suggestions) {}

  @Inject SuggestionService suggestions;

  /** Tuning suggestions with their evidence. */
  @GET
  public SuggestionsAnswer suggestions() {
    return new SuggestionsAnswer(suggestions.suggestions());
  }
}
