package io.stratacache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.platform.InvalidInputException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateRangeTest {

  static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

  @Test
  void parse_noDates_defaultDaysEndingToday() {
    DateRange r = DateRange.parse(null, "", TODAY, 30);
    assertEquals(TODAY, r.to());
    assertEquals(TODAY.minusDays(29), r.from());
    assertEquals(30, r.days());
  }

  @Test
  void parse_onlyTo_defaultDaysEndingThere() {
    DateRange r = DateRange.parse(null, "2026-01-31", TODAY, 7);
    assertEquals(LocalDate.of(2026, 1, 25), r.from());
  }

  @Test
  void new_sameDay_oneDay() {
    DateRange r = new DateRange(TODAY, TODAY);
    assertEquals(1, r.days());
    assertEquals(TODAY.atStartOfDay(), r.startInclusive());
    assertEquals(TODAY.plusDays(1).atStartOfDay(), r.endExclusive());
  }

  @Test
  void new_fromAfterTo_invalid() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new DateRange(TODAY, TODAY.minusDays(1)));
    assertTrue(e.getMessage().contains("after"));
  }

  @Test
  void new_366days_valid_367days_invalid() {
    assertEquals(366, new DateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)).days());
    assertThrows(
        InvalidInputException.class,
        () -> new DateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1)));
  }

  @Test
  void parse_malformedDate_invalidNamingTheParameter() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> DateRange.parse("2026-02-30", null, TODAY, 30));
    assertTrue(e.getMessage().startsWith("from"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> DateRange.parse(null, "yesterday", TODAY, 30));
  }
}
