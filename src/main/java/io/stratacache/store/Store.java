package io.stratacache.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A physical store. Codes are unique. */
@Entity
@Table(name = "store")
@NamedQuery(
    name = Store.ALL,
    query =
        "SELECT new io.stratacache.store.StoreView(s.id, s.code, s.name, s.city, s.region,"
            + " s.openedOn) FROM Store s ORDER BY s.id")
public class Store {

  static final String ALL = "Store.all";

  @Id private Long id;

  @Column(nullable = false, unique = true, length = 16)
  private String code;

  @Column(nullable = false, length = 120)
  private String name;

  @Column(nullable = false, length = 60)
  private String city;

  @Column(nullable = false, length = 30)
  private String region;

  @Column(name = "opened_on", nullable = false)
  private LocalDate openedOn;

  protected Store() {}

  public Long getId() {
    return id;
  }

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }

  StoreView view() {
    return new StoreView(id, code, name, city, region, openedOn);
  }
}
