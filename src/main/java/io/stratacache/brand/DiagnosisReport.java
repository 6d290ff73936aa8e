package io.stratacache.brand;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * One diagnosis of a brand run for a user: its status, timing, score (0–100, completed reports
 * only) and the JSON result document.
 */
@Entity
@Table(name = "diagnosis_report")
@NamedQueries({
  @NamedQuery(
      name = DiagnosisReport.RECENT,
      query =
          "SELECT new io.stratacache.brand.ReportSummary(r.executionId, b.name, r.user.id,"
              + " r.status, r.createdAt, r.completedAt, r.score)"
              + " FROM DiagnosisReport r JOIN r.brand b ORDER BY r.createdAt DESC, r.id DESC"),
  @NamedQuery(
      name = DiagnosisReport.RECENT_BY_STATUS,
      query =
          "SELECT new io.stratacache.brand.ReportSummary(r.executionId, b.name, r.user.id,"
              + " r.status, r.createdAt, r.completedAt, r.score)"
              + " FROM DiagnosisReport r JOIN r.brand b WHERE r.status = :status"
              + " ORDER BY r.createdAt DESC, r.id DESC"),
  @NamedQuery(
      name = DiagnosisReport.BY_EXECUTION_ID,
      query = "SELECT r FROM DiagnosisReport r JOIN FETCH r.brand WHERE r.executionId = :id"),
  @NamedQuery(
      name = DiagnosisReport.BY_REQUEST_ID,
      query = "SELECT r FROM DiagnosisReport r JOIN FETCH r.brand WHERE r.requestId = :id"),
  @NamedQuery(
      name = DiagnosisReport.FOR_UPDATE,
      query = "SELECT r FROM DiagnosisReport r WHERE r.executionId = :id"),
  @NamedQuery(
      name = DiagnosisReport.STATUS_MIX_BY_BRAND,
      query =
          "SELECT r.status, COUNT(r), AVG(r.score) FROM DiagnosisReport r"
              + " WHERE r.brand.id = :brandId GROUP BY r.status"),
  @NamedQuery(
      name = DiagnosisReport.STATUS_MIX_BY_USER,
      query =
          "SELECT r.status, COUNT(r), AVG(r.score), MAX(r.createdAt) FROM DiagnosisReport r"
              + " WHERE r.user.id = :userId GROUP BY r.status"),
  @NamedQuery(
      name = DiagnosisReport.TOP_BRANDS_BY_USER,
      query =
          "SELECT b.name, COUNT(r) FROM DiagnosisReport r JOIN r.brand b"
              + " WHERE r.user.id = :userId GROUP BY b.name ORDER BY COUNT(r) DESC, b.name")
})
public class DiagnosisReport {

  static final String RECENT = "DiagnosisReport.recent";
  static final String RECENT_BY_STATUS = "DiagnosisReport.recentByStatus";
  static final String BY_EXECUTION_ID = "DiagnosisReport.byExecutionId";
  static final String BY_REQUEST_ID = "DiagnosisReport.byRequestId";
  static final String FOR_UPDATE = "DiagnosisReport.forUpdate";
  static final String STATUS_MIX_BY_BRAND = "DiagnosisReport.statusMixByBrand";
  static final String STATUS_MIX_BY_USER = "DiagnosisReport.statusMixByUser";
  static final String TOP_BRANDS_BY_USER = "DiagnosisReport.topBrandsByUser";

  @Id private Long id;

  @Column(name = "execution_id", nullable = false, unique = true, length = 36)
  private String executionId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "brand_id")
  private Brand brand;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id")
  private AppUser user;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "question_id")
  private Question question;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private ReportStatus status;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "completed_at")
  private LocalDateTime completedAt;

  private Integer score;

  @Column(name = "result_json", length = 8000)
  private String resultJson;

  @Column(name = "request_id", length = 64, unique = true)
  private String requestId;

  protected DiagnosisReport() {}

  /** A new report, {@link ReportStatus#PENDING}. */
  DiagnosisReport(
      long id,
      String executionId,
      Brand brand,
      AppUser user,
      Question question,
      String requestId,
      LocalDateTime createdAt) {
    this.id = id;
    this.executionId = executionId;
    this.brand = brand;
    this.user = user;
    this.question = question;
    this.requestId = requestId;
    this.status = ReportStatus.PENDING;
    this.createdAt = createdAt;
  }

  /**
   * Moves the report to {@code next}: RUNNING from PENDING; COMPLETED (with its score and result)
   * from RUNNING; FAILED from PENDING or RUNNING.
   *
   * @throws IllegalTransitionException for any other move; nothing changes
   */
  void moveTo(ReportStatus next, Integer newScore, String newResultJson, LocalDateTime at) {
    if (!status.canMoveTo(next)) {
      throw new IllegalTransitionException(executionId, status, next);
    }
    status = next;
    if (next == ReportStatus.COMPLETED || next == ReportStatus.FAILED) {
      completedAt = at;
    }
    if (next == ReportStatus.COMPLETED) {
      score = newScore;
      resultJson = newResultJson;
    }
  }

  String getRequestId() {
    return requestId;
  }

  Question getQuestion() {
    return question;
  }

  /** The report as cached and answered (its brand must be loaded). */
  ReportEntry entry() {
    return new ReportEntry(
        new ReportSummary(
            executionId, brand.getName(), user.getId(), status, createdAt, completedAt, score),
        resultJson);
  }

  public Long getId() {
    return id;
  }

  public String getExecutionId() {
    return executionId;
  }

  public Brand getBrand() {
    return brand;
  }

  public AppUser getUser() {
    return user;
  }

  public ReportStatus getStatus() {
    return status;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }

  public LocalDateTime getCompletedAt() {
    return completedAt;
  }

  public Integer getScore() {
    return score;
  }

  public String getResultJson() {
    return resultJson;
  }
}
