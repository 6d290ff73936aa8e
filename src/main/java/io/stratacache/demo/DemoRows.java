package io.stratacache.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** The rows the generator produces, one record per table, in the columns' order. */
public final class DemoRows {

  private DemoRows() {}

  /** A row of {@code brand}. */
  public record BrandRow(long id, String name, String category, LocalDateTime createdAt) {}

  /** A row of {@code app_user}. */
  public record UserRow(long id, String username, String email, LocalDateTime createdAt) {}

  /** A row of {@code question}. */
  public record QuestionRow(long id, String text, long askCount, LocalDateTime createdAt) {}

  /** A row of {@code diagnosis_report}; {@code completedAt}, {@code score}, result may be null. */
  public record ReportRow(
      long id,
      String executionId,
      long brandId,
      long userId,
      long questionId,
      String status,
      LocalDateTime createdAt,
      LocalDateTime completedAt,
      Integer score,
      String resultJson) {}

  /** A row of {@code store}. */
  public record StoreRow(
      long id, String code, String name, String city, String region, LocalDate openedOn) {}

  /** A row of {@code store_order}. */
  public record OrderRow(
      long id,
      long storeId,
      LocalDateTime orderedAt,
      BigDecimal amount,
      int items,
      String channel) {}

  /** Receives the generated rows, table by table in foreign-key order. */
  public interface Sink {
    void brand(BrandRow row);

    void user(UserRow row);

    void question(QuestionRow row);

    void report(ReportRow row);

    void store(StoreRow row);

    void order(OrderRow row);
  }
}
