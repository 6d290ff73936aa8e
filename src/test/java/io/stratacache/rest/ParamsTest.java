package io.stratacache.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stratacache.platform.InvalidInputException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParamsTest {

  @Test
  void limit_absent_default() {
    assertEquals(20, Params.limit(null, 20));
    assertEquals(20, Params.limit(" ", 20));
  }

  @Test
  void limit_bounds_inclusive() {
    assertEquals(1, Params.limit("1", 20));
    assertEquals(1000, Params.limit(" 1000 ", 20));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-1", "abc", "1e3", "99999999999999999999"})
  void limit_invalid_throws(String raw) {
    assertThrows(InvalidInputException.class, () -> Params.limit(raw, 20));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "-3", "", "1.0"})
  void id_invalid_throws(String raw) {
    assertThrows(InvalidInputException.class, () -> Params.id("store id", raw));
  }

  @Test
  void ids_listDeduplicatedInOrder() {
    assertEquals(List.of(3L, 1L, 2L), List.copyOf(Params.ids("stores", "3, 1,2,3", 10)));
  }

  @Test
  void ids_tooManyOrEmptyEntry_throws() {
    assertThrows(InvalidInputException.class, () -> Params.ids("stores", "1,2,3", 2));
    assertThrows(InvalidInputException.class, () -> Params.ids("stores", "1,,2", 10));
    assertThrows(InvalidInputException.class, () -> Params.ids("stores", null, 10));
    assertEquals(Set.of(7L), Params.ids("stores", "7", 1));
  }
}
