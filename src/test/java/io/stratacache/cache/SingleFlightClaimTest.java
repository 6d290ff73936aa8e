package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One load per key: later callers join it, unless a write made it stale. */
class SingleFlightClaimTest {
  private final PublicationGuard guard = new PublicationGuard();
  private final SingleFlight flights = new SingleFlight("brands", guard);

  @Test
  void claim_free_ownedByTheCaller() {
    SingleFlight.Load load = flights.claim("k");
    assertTrue(load.mine());
  }

  @Test
  void claim_sameThreadAgain_recursiveLoadRefused() {
    flights.claim("k");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> flights.claim("k"));
    assertTrue(e.getMessage().contains("recursive load"), e.getMessage());
  }

  @Test
  void claim_otherThread_joinsAndGetsTheOwnersResult() {
    SingleFlight.Load owner = flights.claim("k");
    SingleFlight.Load joined = CompletableFuture.supplyAsync(() -> flights.claim("k")).join();
    assertSame(owner, joined);
    owner.complete("v");
    assertEquals("v", joined.await());
  }

  @Test
  void claim_afterAWriteOfTheKey_takesTheStaleLoadsPlace() {
    SingleFlight.Load old = flights.claim("k");
    guard.writeKey("k", () -> {});
    SingleFlight.Load fresh = CompletableFuture.supplyAsync(() -> flights.claim("k")).join();
    assertNotSame(old, fresh);
    flights.finish("k", old);
    assertNull(flights.claimForRefresh("k"), "the fresh load still holds the key");
  }

  @Test
  void claimForRefresh_inFlight_null_thenFreeAfterFinish() {
    SingleFlight.Load load = flights.claimForRefresh("k");
    assertFalse(load.mine(), "no owner until it starts");
    assertNull(flights.claimForRefresh("k"));
    load.start();
    assertTrue(load.mine());
    flights.finish("k", load);
    assertTrue(flights.claimForRefresh("k") != null);
  }

  @Test
  void await_checkedFailure_wrappedNamingTheCache() {
    SingleFlight.Load load = flights.claim("k");
    load.fail(new Exception("io"));
    CacheLoadException e = assertThrows(CacheLoadException.class, load::await);
    assertTrue(e.getMessage().contains("brands"), e.getMessage());
  }
}
