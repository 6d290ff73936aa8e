package io.stratacache.brand;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A diagnosis question and how often it has been asked. */
@Entity
@Table(name = "question")
@NamedQuery(
    name = Question.POPULAR,
    query =
        "SELECT new io.stratacache.brand.QuestionView(q.id, q.text, q.askCount)"
            + " FROM Question q ORDER BY q.askCount DESC, q.id")
@NamedQuery(name = Question.BY_TEXT, query = "SELECT q FROM Question q WHERE q.text = :text")
public class Question {

  static final String POPULAR = "Question.popular";
  static final String BY_TEXT = "Question.byText";

  @Id private Long id;

  @Column(nullable = false, length = 500)
  private String text;

  @Column(name = "ask_count", nullable = false)
  private Long askCount;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected Question() {}

  /** A question asked for the first time (its ask count is 1). */
  Question(long id, String text, LocalDateTime createdAt) {
    this.id = id;
    this.text = text;
    this.askCount = 1L;
    this.createdAt = createdAt;
  }

  QuestionView view() {
    return new QuestionView(id, text, askCount);
  }

  public Long getId() {
    return id;
  }

  public String getText() {
    return text;
  }

  public Long getAskCount() {
    return askCount;
  }
}
