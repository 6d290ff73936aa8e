package io.stratacache.brand;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A user of the diagnosis front ends; each diagnosis report belongs to one. */
@Entity
@Table(name = "app_user")
@NamedQuery(
    name = AppUser.BY_USERNAME,
    query = "SELECT u FROM AppUser u WHERE u.username = :username")
public class AppUser {

  static final String BY_USERNAME = "AppUser.byUsername";

  @Id private Long id;

  @Column(nullable = false, unique = true, length = 80)
  private String username;

  @Column(nullable = false, length = 160)
  private String email;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected AppUser() {}

  /** A new user; the username is checked unique by the database. */
  AppUser(long id, String username, String email, LocalDateTime createdAt) {
    this.id = id;
    this.username = username;
    this.email = email;
    this.createdAt = createdAt;
  }

  /** Changes the profile; a null member keeps its value. */
  void update(String newUsername, String newEmail) {
    if (newUsername != null) {
      this.username = newUsername;
    }
    if (newEmail != null) {
      this.email = newEmail;
    }
  }

  UserView view() {
    return new UserView(id, username, email, ReportSummary.utc(createdAt));
  }

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
