package io.stratacache.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.JsonRequests;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up request bodies as the REST layer binds them. */
class WarmupRequestsTest {

  static WarmupRequests.Schedule schedule(String json) {
    return JsonRequests.validate(JsonRequests.bind(json, WarmupRequests.Schedule.class));
  }

  @Test
  void schedule_stringAndNumberKeys_bound() {
    WarmupRequests.Schedule s =
        schedule("{\"cache\":\"brand-stats\",\"keys\":[\"a\",7],\"priority\":3,\"ttlSeconds\":60}");
    assertEquals("brand-stats", s.cache());
    assertEquals(List.of("a", "7"), s.keys());
    assertEquals(3, s.priority());
    assertEquals(60L, s.ttlSeconds());
  }

  @Test
  void schedule_objectKey_refusedNamingTheField() {
    String detail =
        assertThrows(
                InvalidInputException.class,
                () -> schedule("{\"cache\":\"brand-stats\",\"keys\":[{\"k\":1}]}"))
            .getMessage();
    assertTrue(detail.contains("keys must be an array of strings"), detail);
  }

  @Test
  void schedule_priorityOutOfRange_refusedByValidation() {
    String detail =
        assertThrows(
                RuntimeException.class,
                () -> schedule("{\"cache\":\"brand-stats\",\"keys\":[\"a\"],\"priority\":5000}"))
            .getMessage();
    assertTrue(detail.contains("priority must be between -1000 and 1000"), detail);
  }
}
