package io.stratacache.warmup;

import io.stratacache.brand.ReportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * {@code popular_questions}: the {@code popular-questions} entry of {@code GET
 * /api/v1/questions/popular} with its default limit (20) and, if different, with {@code
 * WARMUP_POPULAR_QUESTIONS_COUNT}.
 */
@ApplicationScoped
public class PopularQuestionsTask implements WarmupTask {

  static final int ENDPOINT_DEFAULT_LIMIT = 20;

  @Inject ReportService reports;
  @Inject WarmupSettings settings;

  @Override
  public String name() {
    return "popular_questions";
  }

  @Override
  public int priority() {
    return 30;
  }

  @Override
  public Duration timeout() {
    return settings.taskTimeout();
  }

  @Override
  public int warm() {
    reports.popularQuestions(ENDPOINT_DEFAULT_LIMIT);
    if (settings.popularQuestions() == ENDPOINT_DEFAULT_LIMIT) {
      return 1;
    }
    reports.popularQuestions(settings.popularQuestions());
    return 2;
  }
}
