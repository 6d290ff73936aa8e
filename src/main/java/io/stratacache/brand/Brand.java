package io.stratacache.brand;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A brand that users ask diagnosis questions about. Names are unique. */
@Entity
@Table(name = "brand")
@NamedQuery(name = Brand.BY_NAME, query = "SELECT b FROM Brand b WHERE b.name = :name")
public class Brand {

  static final String BY_NAME = "Brand.byName";

  @Id private Long id;

  @Column(nullable = false, unique = true, length = 120)
  private String name;

  @Column(nullable = false, length = 60)
  private String category;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected Brand() {}

  /** A new brand; its name is checked unique by the database. */
  Brand(long id, String name, String category, LocalDateTime createdAt) {
    this.id = id;
    this.name = name;
    this.category = category;
    this.createdAt = createdAt;
  }

  /** Moves the brand to another category (the name is its identity and never changes). */
  void recategorize(String newCategory) {
    this.category = newCategory;
  }

  BrandView view() {
    return new BrandView(id, name, category, ReportSummary.utc(createdAt));
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getCategory() {
    return category;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }
}
