package io.stratacache.monitoring.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.platform.InvalidInputException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The parameters of {@code GET /api/v1/cache/monitoring/metrics}. */
class TrendResourceTest {

  @Test
  void minutes_inRange_orDefault() {
    assertEquals(1, TrendResource.minutes("1"));
    assertEquals(43_200, TrendResource.minutes(" 43200 "));
    assertEquals(60, TrendResource.minutes(null));
    assertEquals(60, TrendResource.minutes(""));
  }

  @Test
  void minutes_outOfRangeOrMalformed_refused() {
    for (String bad : new String[] {"0", "-5", "43201", "abc", "1.5", "99999999999999999999"}) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> TrendResource.minutes(bad), bad);
      assertTrue(e.getMessage().startsWith("duration_minutes must be"), e.getMessage());
    }
  }

  @Test
  void cacheName_unknown_refusedListingValidNames() {
    Set<String> valid = new TreeSet<>(Set.of("all", "brand-stats", "reports"));
    assertEquals(Optional.empty(), TrendResource.cacheName(null, valid));
    assertEquals(Optional.of("all"), TrendResource.cacheName("all", valid));
    assertEquals(Optional.of("reports"), TrendResource.cacheName(" reports", valid));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TrendResource.cacheName("nope", valid));
    assertEquals("unknown cache 'nope'; valid names: all, brand-stats, reports", e.getMessage());
  }
}
