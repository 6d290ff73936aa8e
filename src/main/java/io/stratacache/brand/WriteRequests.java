package io.stratacache.brand;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The bodies of the domain writes, bound strictly (an unknown member or a wrong type is a 400) and
 * checked with Bean Validation before anything changes. Each record declares its canonical
 * constructor so the constraints stay on the fields (see {@code OpenApiConstraintsTest}).
 */
public final class WriteRequests {

  private WriteRequests() {}

  /** {@code POST /api/v1/brands}. */
  public record NewBrand(
      @NotBlank(message = "is required") @Size(max = 120, message = "at most 120 characters")
          String name,
      @NotBlank(message = "is required") @Size(max = 60, message = "at most 60 characters")
          String category) {
    public NewBrand(String name, String category) {
      this.name = name;
      this.category = category;
    }
  }

  /** {@code PUT /api/v1/brands/{name}}: the brand's new category (its name is its identity). */
  public record BrandChange(
      @NotBlank(message = "is required") @Size(max = 60, message = "at most 60 characters")
          String category) {
    public BrandChange(String category) {
      this.category = category;
    }
  }

  /** {@code POST /api/v1/users}. */
  public record NewUser(
      @NotBlank(message = "is required")
          @Size(max = 80, message = "at most 80 characters")
          @Pattern(regexp = USERNAME, message = USERNAME_RULE)
          String username,
      @NotBlank(message = "is required")
          @Email(message = "must be an e-mail address")
          @Size(max = 160, message = "at most 160 characters")
          String email) {
    public NewUser(String username, String email) {
      this.username = username;
      this.email = email;
    }
  }

  /** {@code PUT /api/v1/users/{id}}: any of the two; a missing member keeps its value. */
  public record UserChange(
      @Size(max = 80, message = "at most 80 characters")
          @Pattern(regexp = USERNAME, message = USERNAME_RULE)
          String username,
      @Email(message = "must be an e-mail address")
          @Size(min = 3, max = 160, message = "3 to 160 characters")
          String email) {
    public UserChange(String username, String email) {
      this.username = username;
      this.email = email;
    }
  }

  /**
   * {@code POST /api/v1/reports}: a diagnosis of {@code brand} for {@code userId} (default: the
   * calling user), about an existing question if given. {@code requestId} makes the call
   * idempotent: the same id again answers the report it created.
   */
  public record NewReport(
      @NotBlank(message = "is required")
          @Size(max = 64, message = "at most 64 characters")
          @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits, '.', '_', ':', '-'")
          String requestId,
      @NotBlank(message = "is required") @Size(max = 120, message = "at most 120 characters")
          String brand,
      @Positive(message = "must be a positive id") Long userId,
      @Positive(message = "must be a positive id") Long questionId) {
    public NewReport(String requestId, String brand, Long userId, Long questionId) {
      this.requestId = requestId;
      this.brand = brand;
      this.userId = userId;
      this.questionId = questionId;
    }
  }

  /** {@code POST /api/v1/reports/{executionId}/complete}: the score and the result document. */
  public record Completion(
      @NotNull(message = "is required")
          @Min(value = 0, message = "must be 0..100")
          @Max(value = 100, message = "must be 0..100")
          Integer score,
      @NotNull(message = "is required (a JSON object)") JsonObject result) {
    public Completion(Integer score, JsonObject result) {
      this.score = score;
      this.result = result;
    }
  }

  /** {@code POST /api/v1/questions}: an existing question by id, or a text (new or known). */
  public record Ask(
      @Positive(message = "must be a positive id") Long questionId,
      @Size(min = 1, max = 500, message = "1 to 500 characters") String text) {
    public Ask(Long questionId, String text) {
      this.questionId = questionId;
      this.text = text;
    }
  }

  static final String USERNAME = "[A-Za-z0-9._-]+";
  static final String USERNAME_RULE = "letters, digits, '.', '_' and '-' only";
}
