package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Keys a tier missed read as misses until the repair removed them from it. */
class RejoinRepairTest {
  private final RejoinRepair repair = new RejoinRepair("brands", "grid");
  private final List<String> removed = new ArrayList<>();
  private final AtomicInteger clears = new AtomicInteger();

  @Test
  void repair_markedKeys_removedThenCurrent() {
    repair.mark("a");
    repair.mark("b");
    assertTrue(repair.awaits("a"));
    assertFalse(repair.awaits("c"));
    repair.repair(clears::incrementAndGet, removed::add);
    assertEquals(List.of("a", "b"), removed.stream().sorted().toList());
    assertEquals(0, clears.get());
    assertFalse(repair.pending());
    assertFalse(repair.awaits("a"));
  }

  @Test
  void written_key_noLongerAwaits() {
    repair.mark("a");
    repair.written("a");
    assertFalse(repair.pending());
  }

  @Test
  void mark_tooManyKeys_repairsByClear() {
    for (int i = 0; i <= RejoinRepair.MAX_KEYS; i++) {
      repair.mark("k" + i);
    }
    assertEquals(Integer.MAX_VALUE, repair.size());
    assertTrue(repair.awaits("never-written"));
    repair.repair(clears::incrementAndGet, removed::add);
    assertEquals(1, clears.get());
    assertTrue(removed.isEmpty());
    assertFalse(repair.pending());
  }

  @Test
  void repair_tierFails_keysStayForTheNextAttempt() {
    repair.markAll();
    assertThrows(
        IllegalStateException.class,
        () ->
            repair.repair(
                () -> {
                  throw new IllegalStateException("down");
                },
                removed::add));
    assertTrue(repair.pending());
    assertTrue(repair.awaits("any"));
  }

  @Test
  void repair_clearMissedAgainWhileClearing_staysPending() {
    repair.markAll();
    // a bulk invalidation fails while the repair's clear runs: the clear may not have covered it
    repair.repair(repair::markAll, removed::add);
    assertTrue(repair.pending(), "the second missed clear waits for the next repair");
    repair.repair(clears::incrementAndGet, removed::add);
    assertEquals(1, clears.get());
    assertFalse(repair.pending());
  }
}
