package io.stratacache.brand;

import io.stratacache.platform.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * Reads and writes diagnosis reports and questions. Writes run in their own transaction; their
 * cache annotations act after it committed (the cache interceptors wrap the transaction's), and
 * {@link ReportWrites} drops the derived aggregates. Thread-safe; entities never leave this class.
 */
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
   * One report with its result document, or null if no report has that execution id. Cached ({@code
   * report}), the unknown id as "not found" for the cache's negative TTL.
   */
  @CacheResult(cacheName = "report")
  public ReportEntry entry(String executionId) {
    return em.createNamedQuery(DiagnosisReport.BY_EXECUTION_ID, DiagnosisReport.class)
        .setParameter("id", executionId)
        .getResultStream()
        .findFirst()
        .map(DiagnosisReport::entry)
        .orElse(null);
  }

  /** The report created under a client's request id, or null; read from the database. */
  @Transactional
  public ReportEntry byRequestId(String requestId) {
    return em.createNamedQuery(DiagnosisReport.BY_REQUEST_ID, DiagnosisReport.class)
        .setParameter("id", requestId)
        .getResultStream()
        .findFirst()
        .map(DiagnosisReport::entry)
        .orElse(null);
  }

  /**
   * Inserts a new PENDING report described by {@code entry} and puts it into {@code report} once
   * the insert committed.
   *
   * @throws UnknownEntityException if the brand, the user or the question does not exist
   * @throws DuplicateRequestException if a report with that request id was inserted meanwhile
   */
  @CachePut(cacheName = "report")
  @Transactional
  public void insert(
      @CacheKey String executionId,
      @CacheValue ReportEntry entry,
      String requestId,
      Long questionId) {
    ReportSummary s = entry.report();
    Brand brand =
        em.createNamedQuery(Brand.BY_NAME, Brand.class)
            .setParameter("name", s.brand())
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> new UnknownEntityException("brand", s.brand()));
    AppUser user = em.find(AppUser.class, s.userId());
    if (user == null) {
      throw new UnknownEntityException("user", s.userId());
    }
    Question question = null;
    if (questionId != null) {
      question = em.find(Question.class, questionId);
      if (question == null) {
        throw new UnknownEntityException("question", questionId);
      }
    }
    try {
      em.persist(
          new DiagnosisReport(
              DomainIds.next(em, "diagnosis_report"),
              executionId,
              brand,
              user,
              question,
              requestId,
              LocalDateTime.ofInstant(s.createdAt(), ZoneOffset.UTC)));
      em.flush();
    } catch (PersistenceException e) {
      throw new DuplicateRequestException(requestId);
    }
  }

  /**
   * Moves a report to {@code next} (see {@link DiagnosisReport#moveTo}) under a row lock, and drops
   * its {@code report} entry once that committed.
   *
   * @param actingUser the calling user, who must own the report; null for the admin
   * @return the report as committed
   * @throws UnknownEntityException if no report has that execution id
   * @throws IllegalTransitionException (409) if its status does not lead to {@code next}
   * @throws ForbiddenException if {@code actingUser} does not own the report
   */
  @CacheRemove(cacheName = "report")
  @Transactional
  public ReportEntry move(
      @CacheKey String executionId,
      ReportStatus next,
      Integer score,
      String resultJson,
      LocalDateTime at,
      Long actingUser) {
    DiagnosisReport r =
        em.createNamedQuery(DiagnosisReport.FOR_UPDATE, DiagnosisReport.class)
            .setParameter("id", executionId)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> new UnknownEntityException("report", executionId));
    if (actingUser != null && !actingUser.equals(r.getUser().getId())) {
      throw new ForbiddenException(
          "user '" + actingUser + "' may change only its own reports, not " + executionId);
    }
    r.moveTo(next, score, resultJson, at);
    em.flush();
    return r.entry();
  }

  /**
   * Records that a question was asked: an existing one by id or by exact text gets one more ask, a
   * new text becomes a question asked once. Clears {@code popular-questions} once that committed.
   *
   * @throws UnknownEntityException if {@code questionId} names no question
   * @throws DuplicateRequestException if the same new text was inserted meanwhile (ask again)
   */
  @CacheRemoveAll(cacheName = "popular-questions")
  @Transactional
  public QuestionView ask(Long questionId, String text, LocalDateTime at) {
    Long id = questionId;
    if (id == null) {
      id =
          em.createNamedQuery(Question.BY_TEXT, Question.class)
              .setParameter("text", text)
              .getResultStream()
              .findFirst()
              .map(Question::getId)
              .orElse(null);
    }
    if (id == null) {
      Question q = new Question(DomainIds.next(em, "question"), text, at);
      try {
        em.persist(q);
        em.flush();
      } catch (PersistenceException e) {
        throw new DuplicateRequestException(text);
      }
      return q.view();
    }
    int updated =
        em.createQuery("UPDATE Question q SET q.askCount = q.askCount + 1 WHERE q.id = :id")
            .setParameter("id", id)
            .executeUpdate();
    if (updated == 0) {
      throw new UnknownEntityException("question", id);
    }
    Question q = em.find(Question.class, id);
    em.refresh(q);
    return q.view();
  }

  /** The most asked questions first (ties by id), at most {@code limit}. Cached. */
  @CacheResult(cacheName = "popular-questions")
  public List<QuestionView> popularQuestions(int limit) {
    return List.copyOf(
        em.createNamedQuery(Question.POPULAR, QuestionView.class)
            .setMaxResults(limit)
            .getResultList());
  }
}
