package io.stratacache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The staged warm-up: global, then hot stores in parallel, then a bounded number of cold ones. */
class StagedWarmupTest {

  private final AtomicLong clock = new AtomicLong();
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();

  private StagedWarmup.Warmer warmer() {
    return new StagedWarmup.Warmer() {
      @Override
      public int global() {
        clock.addAndGet(2_000_000_000L);
        calls.add("global");
        return 7;
      }

      @Override
      public int store(long id, boolean hot) throws InterruptedException {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        Thread.sleep(20);
        clock.addAndGet(100_000_000L);
        calls.add((hot ? "hot:" : "cold:") + id);
        running.decrementAndGet();
        return 3;
      }
    };
  }

  @Test
  void run_100Stores_orderBoundsAndTimes() throws Exception {
    List<Long> stores = LongStream.rangeClosed(1, 100).boxed().toList();
    Map<Long, Long> traffic = new HashMap<>();
    for (long s = 51; s <= 100; s++) {
      traffic.put(s, s * 10); // stores 81..100 are the busiest
    }
    StagedWarmup.Report r = new StagedWarmup(20, 5, 20, clock::get).run(stores, traffic, warmer());

    assertEquals("global", calls.get(0));
    List<String> hot = calls.subList(1, 21);
    assertTrue(hot.stream().allMatch(c -> c.startsWith("hot:")), hot.toString());
    assertEquals(
        LongStream.rangeClosed(81, 100).boxed().toList(),
        hot.stream().map(c -> Long.parseLong(c.substring(4))).sorted().toList());
    List<String> cold = calls.subList(21, calls.size());
    assertEquals(20, cold.size(), "at most 20 cold stores");
    assertEquals("cold:80", cold.get(0), "cold stores by traffic, then id");
    assertEquals(5, maxRunning.get(), "hot stores on 5 workers");

    assertEquals(
        List.of("global", "hot", "cold"),
        r.stages().stream().map(StagedWarmup.Stage::name).toList());
    assertEquals(2000, r.stages().get(0).millis());
    assertEquals(2000, r.stages().get(1).millis(), "20 hot stores, 100 ms each on the fake clock");
    assertEquals(2000, r.stages().get(2).millis());
    assertEquals(20, r.stages().get(1).stores());
    assertEquals(7 + 40 * 3, r.entries());
    assertEquals(20, r.hot().size());
    assertTrue(r.summary().startsWith("global 2000 ms, 100 stores, 7 entries; hot 2000 ms"));
  }

  @Test
  void hot_noTraffic_firstStoresById_atLeastOne() {
    StagedWarmup w = new StagedWarmup(20, 5, 20, clock::get);
    assertEquals(List.of(1L, 2L), w.hot(LongStream.rangeClosed(1, 10).boxed().toList(), Map.of()));
    assertEquals(List.of(4L), w.hot(List.of(4L, 5L), Map.of()));
    assertEquals(List.of(), w.hot(List.of(), Map.of()));
  }

  @Test
  void run_coldLimitZero_noColdStage() throws Exception {
    StagedWarmup.Report r =
        new StagedWarmup(50, 2, 0, clock::get).run(List.of(1L, 2L, 3L, 4L), Map.of(), warmer());
    assertEquals(0, r.stages().get(2).stores());
    assertEquals(3, calls.size());
    assertTrue(maxRunning.get() <= 2);
  }
}
