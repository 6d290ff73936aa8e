package io.stratacache.brand;

import io.stratacache.platform.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.StringReader;
import java.util.List;
import javax.cache.annotation.CacheResult;

/** Reads diagnosis reports and popular questions. Thread-safe; entities never leave this class. */
@ApplicationScoped
public class ReportService {

  @PersistenceContext(unitName = "stratacache")
  EntityManager em;

  /** The most recently created reports, newest first, optionally of one status only. Cached. */
  @CacheResult(cacheName = "recent-reports")
  public List<ReportSummary> recent(int limit, ReportStatus status) {
    TypedQuery<ReportSummary> query =
        status == null
            ? em.createNamedQuery(DiagnosisReport.RECENT, ReportSummary.class)
            : em.createNamedQuery(DiagnosisReport.RECENT_BY_STATUS, ReportSummary.class)
                .setParameter("status", status);
    return List.copyOf(query.setMaxResults(limit).getResultList());
  }

  /**
   * One report with its result document.
   *
   * @throws UnknownEntityException if no report has that execution id
   */
  public ReportDetail report(String executionId) {
    DiagnosisReport r =
        em.createNamedQuery(DiagnosisReport.BY_EXECUTION_ID, DiagnosisReport.class)
            .setParameter("id", executionId)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> new UnknownEntityException("report", executionId));
    ReportSummary summary =
        new ReportSummary(
            r.getExecutionId(),
            r.getBrand().getName(),
            r.getUser().getId(),
            r.getStatus(),
            r.getCreatedAt(),
            r.getCompletedAt(),
            r.getScore());
    return new ReportDetail(summary, parse(r.getResultJson()));
  }

  /** The most asked questions first (ties by id), at most {@code limit}. Cached. */
  @CacheResult(cacheName = "popular-questions")
  public List<QuestionView> popularQuestions(int limit) {
    return List.copyOf(
        em.createNamedQuery(Question.POPULAR, QuestionView.class)
            .setMaxResults(limit)
            .getResultList());
  }

  private static JsonObject parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
