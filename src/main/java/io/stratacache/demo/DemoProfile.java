package io.stratacache.demo;

import java.util.Locale;

/**
 * How much demo data to generate ({@code DEMO_DATA}): {@link #FULL} for the run command, {@link
 * #SMALL} for tests, {@link #LARGE} (1,000 stores, 10,000,000 orders) for the store hierarchy's
 * benchmarks only, {@link #NONE} to generate nothing.
 */
public enum DemoProfile {
  FULL(new Sizes(200, 1_000, 500, 20_000, 90, 100, 1_000_000, 365)),
  SMALL(new Sizes(30, 100, 60, 2_000, 90, 10, 20_000, 365)),
  LARGE(new Sizes(200, 1_000, 500, 20_000, 90, 1_000, 10_000_000, 365)),
  NONE(new Sizes(0, 0, 0, 0, 0, 0, 0, 0));

  /** Row counts and time spans of a profile. */
  public record Sizes(
      int brands,
      int users,
      int questions,
      int reports,
      int reportDays,
      int stores,
      int orders,
      int orderDays) {

    /** Rows over all tables. */
    public long totalRows() {
      return (long) brands + users + questions + reports + stores + orders;
    }
  }

  private final Sizes sizes;

  DemoProfile(Sizes sizes) {
    this.sizes = sizes;
  }

  public Sizes sizes() {
    return sizes;
  }

  /**
   * Parses {@code full}, {@code small} or {@code none}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the setting and its valid values otherwise
   */
  public static DemoProfile parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "DEMO_DATA must be one of full, small, large, none; was '" + value + "'", e);
    }
  }
}
