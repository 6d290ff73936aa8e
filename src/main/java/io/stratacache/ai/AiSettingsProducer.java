package io.stratacache.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Produces the {@link AiSettings} of this instance, read once, and logs which generator answers.
 */
@ApplicationScoped
public class AiSettingsProducer {

  private static final Logger LOG = Logger.getLogger(AiSettingsProducer.class.getName());

  @Inject Config config;

  @Produces
  @Singleton
  AiSettings settings() {
    AiSettings s = AiSettings.from(config);
    if (s.mock()) {
      LOG.info("AI generation: mock generator (no OPENAI_API_KEY configured)");
    } else {
      LOG.info(
          () ->
              "AI generation: "
                  + s.baseUrl()
                  + ", model "
                  + s.model()
                  + ", timeout "
                  + s.callTimeout().toMillis()
                  + " ms, "
                  + s.retry().maxRetries()
                  + " retries from "
                  + s.retry().initialDelay().toMillis()
                  + " ms");
    }
    return s;
  }
}
