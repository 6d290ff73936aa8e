package io.stratacache.testing.consistency;

import static io.stratacache.testing.consistency.Op.Outcome.FAILED;
import static io.stratacache.testing.consistency.Op.Outcome.OK;
import static io.stratacache.testing.consistency.Op.Outcome.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.testing.consistency.ConsistencyChecker.Property;
import io.stratacache.testing.consistency.ConsistencyChecker.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checker on small hand-made histories (times in milliseconds, bound 100 ms): each property
 * holds on a correct history and is reported, with the read and its key's writes, on a broken one.
 */
class ConsistencyCheckerTest {

  static final long MS = 1_000_000L;

  final ConsistencyChecker checker = new ConsistencyChecker(Map.of("k", "v0", "j", "j0"), 100 * MS);

  static Op w(int client, String value, long start, long end) {
    return Op.write(client, "k", value, start * MS, end * MS, OK);
  }

  static Op r(int client, String value, long start, long end) {
    return Op.read(client, "k", value, start * MS, end * MS);
  }

  static List<Property> properties(Result result) {
    return result.violations().stream().map(ConsistencyChecker.Violation::property).toList();
  }

  @Test
  void check_linearHistory_noViolation() {
    Result result =
        checker.check(
            List.of(
                r(1, "v0", 0, 5),
                w(1, "a", 10, 20),
                r(1, "a", 21, 25),
                r(2, "a", 30, 35),
                w(2, "b", 40, 50),
                r(1, "b", 60, 65)),
            List.of(r(9, "b", 1000, 1001)));
    assertEquals(List.of(), result.violations(), result.report());
    assertEquals(6, result.operations());
    assertEquals(2, result.writes());
    assertEquals(4, result.reads());
    assertEquals(0, result.staleReads());
  }

  @Test
  void check_concurrentWrites_eitherValueMayWin() {
    Result result =
        checker.check(
            List.of(w(1, "a", 0, 50), w(2, "b", 10, 60), r(3, "a", 70, 75), r(3, "b", 80, 85)),
            List.of(r(9, "a", 1000, 1001)));
    assertEquals(List.of(), result.violations(), result.report());
  }

  @Test
  void check_staleWithinBound_countedNotViolated() {
    Result result =
        checker.check(List.of(w(1, "a", 0, 10), w(2, "b", 20, 30), r(3, "a", 80, 85)), List.of());
    assertEquals(List.of(), result.violations(), result.report());
    assertEquals(1, result.staleReads());
    assertEquals(50.0, result.stalenessMaxMillis(), 0.001);
  }

  @Test
  void check_staleBeyondBound_staleRead() {
    Result result =
        checker.check(List.of(w(1, "a", 0, 10), w(2, "b", 20, 30), r(3, "a", 300, 305)), List.of());
    assertEquals(List.of(Property.STALE_READ), properties(result), result.report());
    ConsistencyChecker.Violation v = result.violations().get(0);
    assertTrue(v.history().stream().anyMatch(op -> "b".equals(op.value())), v.toString());
    assertTrue(v.history().stream().anyMatch(op -> "a".equals(op.value())), v.toString());
    assertTrue(result.report().contains("270.0 ms"), result.report());
  }

  @Test
  void check_initialValueAfterAnOldWrite_staleRead() {
    Result result = checker.check(List.of(w(1, "a", 0, 10), r(2, "v0", 500, 505)), List.of());
    assertEquals(List.of(Property.STALE_READ), properties(result), result.report());
  }

  @Test
  void check_ownWriteNotSeen_readYourWritesEvenWithinTheBound() {
    Result result =
        checker.check(List.of(w(1, "a", 0, 10), w(1, "b", 20, 30), r(1, "a", 35, 40)), List.of());
    assertEquals(List.of(Property.READ_YOUR_WRITES), properties(result), result.report());
  }

  @Test
  void check_ownWriteOvertakenByAConcurrentWrite_noViolation() {
    Result result =
        checker.check(List.of(w(2, "x", 15, 40), w(1, "b", 20, 30), r(1, "x", 45, 50)), List.of());
    assertEquals(List.of(), result.violations(), result.report());
  }

  @Test
  void check_valueNeverWritten_unknownValue() {
    Result result = checker.check(List.of(w(1, "a", 0, 10), r(2, "zz", 20, 25)), List.of());
    assertEquals(List.of(Property.UNKNOWN_VALUE), properties(result), result.report());
  }

  @Test
  void check_refusedWriteRead_violation() {
    Result result =
        checker.check(
            List.of(Op.write(1, "k", "a", 0, 10 * MS, FAILED), r(2, "a", 20, 25)), List.of());
    assertEquals(List.of(Property.REFUSED_WRITE_READ), properties(result), result.report());
  }

  @Test
  void check_valueFromTheFuture_violation() {
    Result result = checker.check(List.of(r(2, "a", 0, 5), w(1, "a", 10, 20)), List.of());
    assertEquals(List.of(Property.FUTURE_READ), properties(result), result.report());
  }

  @Test
  void check_unansweredWrite_mayApplyLateWithoutViolation() {
    Result result =
        checker.check(
            List.of(
                Op.write(1, "k", "late", 0, 5_000 * MS, UNKNOWN),
                w(2, "b", 6_000, 6_010),
                r(3, "late", 7_000, 7_005)),
            List.of(r(9, "late", 9_000, 9_001)));
    assertEquals(List.of(), result.violations(), result.report());
    assertEquals(1, result.unknown());
  }

  @Test
  void check_finalValueSuperseded_lostWrite() {
    Result result =
        checker.check(List.of(w(1, "a", 0, 10), w(2, "b", 20, 30)), List.of(r(9, "a", 35, 36)));
    assertTrue(properties(result).contains(Property.LOST_WRITE), result.report());
  }

  @Test
  void check_keysAreIndependent() {
    Result result =
        checker.check(
            List.of(
                w(1, "a", 0, 10),
                Op.write(1, "j", "j1", 20 * MS, 30 * MS, OK),
                Op.read(2, "j", "j1", 40 * MS, 45 * MS),
                r(2, "a", 500, 505)),
            List.of());
    assertEquals(List.of(), result.violations(), result.report());
  }

  @Test
  void check_sameValueWrittenTwice_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> checker.check(List.of(w(1, "a", 0, 10), w(2, "a", 20, 30)), List.of()));
  }
}
