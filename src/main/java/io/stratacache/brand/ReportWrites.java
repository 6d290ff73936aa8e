package io.stratacache.brand;

import io.stratacache.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The report and question writes as one step each: the database change in its transaction ({@link
 * ReportService}), then the cached answers it changed ({@link CachedAnswers}), before the caller is
 * answered. Not transactional itself, so every cache change happens after the commit. Thread-safe.
 */
@ApplicationScoped
public class ReportWrites {

  /** The longest result document stored (the column's size). */
  static final int MAX_RESULT_CHARS = 8000;

  @Inject ReportService reports;

  @Inject CachedAnswers answers;

  @Inject Clock clock;

  /** A created or found report: {@code created} false when the request id had made it before. */
  public record Outcome(ReportEntry entry, boolean created) {}

  /**
   * Creates a PENDING report, once per request id: a request id seen before answers the report it
   * made (in its current state), if brand and user are the same; otherwise 409.
   *
   * @throws io.stratacache.platform.UnknownEntityException unknown brand, user or question (404)
   * @throws ClientErrorException 409 when the request id made a report of another brand or user
   */
  public Outcome create(WriteRequests.NewReport body, long userId) {
    ReportEntry before = reports.byRequestId(body.requestId());
    if (before != null) {
      return new Outcome(replayed(before, body, userId), false);
    }
    String executionId = UUID.randomUUID().toString();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ReportEntry entry =
        new ReportEntry(
            new ReportSummary(
                executionId, body.brand(), userId, ReportStatus.PENDING, now, (Instant) null, null),
            null);
    try {
      reports.insert(executionId, entry, body.requestId(), body.questionId());
    } catch (DuplicateRequestException raced) {
      ReportEntry other = reports.byRequestId(body.requestId());
      if (other == null) {
        throw raced;
      }
      return new Outcome(replayed(other, body, userId), false);
    }
    answers.reportChanged(body.brand(), userId, true);
    return new Outcome(entry, true);
  }

  private static ReportEntry replayed(ReportEntry found, WriteRequests.NewReport body, long user) {
    if (!found.report().brand().equals(body.brand()) || found.report().userId() != user) {
      throw new ClientErrorException(
          "request id '"
              + body.requestId()
              + "' already created report "
              + found.report().executionId()
              + " for another brand or user",
          Response.Status.CONFLICT);
    }
    return found;
  }

  /** PENDING → RUNNING; see {@link #move}. */
  public ReportEntry start(String executionId, Long actingUser) {
    return move(executionId, ReportStatus.RUNNING, null, null, actingUser);
  }

  /**
   * RUNNING → COMPLETED with its score and result document.
   *
   * @throws InvalidInputException if the document is longer than {@value #MAX_RESULT_CHARS}
   *     characters as compact JSON
   */
  public ReportEntry complete(String executionId, WriteRequests.Completion body, Long actingUser) {
    String json = body.result().toString();
    if (json.length() > MAX_RESULT_CHARS) {
      throw new InvalidInputException(
          "result: at most " + MAX_RESULT_CHARS + " characters of JSON, was " + json.length());
    }
    return move(executionId, ReportStatus.COMPLETED, body.score(), json, actingUser);
  }

  /** PENDING or RUNNING → FAILED. */
  public ReportEntry fail(String executionId, Long actingUser) {
    return move(executionId, ReportStatus.FAILED, null, null, actingUser);
  }

  private ReportEntry move(
      String executionId, ReportStatus next, Integer score, String json, Long actingUser) {
    LocalDateTime at =
        LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    ReportEntry moved = reports.move(executionId, next, score, json, at, actingUser);
    answers.reportChanged(moved.report().brand(), moved.report().userId(), false);
    return moved;
  }

  /**
   * Records one ask of a question: {@code questionId} or {@code text}, exactly one.
   *
   * @throws InvalidInputException if both or neither are given, or the text is blank
   */
  public QuestionView ask(WriteRequests.Ask body) {
    if ((body.questionId() == null) == (body.text() == null)) {
      throw new InvalidInputException("give exactly one of questionId, text");
    }
    String text = body.text() == null ? null : body.text().strip();
    if (text != null && text.isEmpty()) {
      throw new InvalidInputException("text: must not be blank");
    }
    LocalDateTime at =
        LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    QuestionView asked;
    try {
      asked = reports.ask(body.questionId(), text, at);
    } catch (DuplicateRequestException raced) {
      asked = reports.ask(null, text, at);
    }
    answers.questionAsked();
    return asked;
  }
}
