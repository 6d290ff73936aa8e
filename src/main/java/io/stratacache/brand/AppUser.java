package io.stratacache.brand;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A user of the diagnosis front ends; each diagnosis report belongs to one. */
@Entity
@Table(name = "app_user")
public class AppUser {

  @Id private Long id;

  @Column(nullable = false, unique = true, length = 80)
  private String username;

  @Column(nullable = false, length = 160)
  private String email;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected AppUser() {}

  public Long getId() {
    return id;
  }

  public String getUsername() {
    return username;
  }

  public String getEmail() {
    return email;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }
}
