package io.stratacache.admin;

import io.stratacache.cache.TierFaults;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.platform.UnknownEntityException;
import io.stratacache.rest.AdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resilience drills: makes this instance's grid or store tier fail or stall, to watch the circuit
 * breakers, health and recovery at work. Exists only when {@code CACHE_FAULT_INJECTION=true}
 * (otherwise 404); administrators only.
 */
@Path("v1/cache/faults")
@ApplicationScoped
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class FaultInjectionResource {

  private static final Set<String> TIERS = Set.of("grid", "store");

  @Inject TierFaults faults;

  @Inject
  @ConfigProperty(name = "CACHE_FAULT_INJECTION", defaultValue = "false")
  boolean enabled;

  /** The current faults, by tier. */
  @GET
  public Map<String, TierFaults.Mode> current() {
    requireEnabled();
    return faults.modes();
  }

  /** Sets one tier's fault; {@code NONE} lifts it. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, TierFaults.Mode> set(FaultRequest request) {
    requireEnabled();
    if (request == null || request.tier() == null || !TIERS.contains(request.tier())) {
      throw new InvalidInputException("tier must be one of grid, store");
    }
    TierFaults.Mode mode;
    try {
      mode = TierFaults.Mode.valueOf(String.valueOf(request.mode()).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("mode must be one of NONE, FAIL, STALL");
    }
    faults.set(request.tier(), mode);
    return faults.modes();
  }

  private void requireEnabled() {
    if (!enabled) {
      throw new UnknownEntityException(
          "resource", "faults (fault injection is disabled: CACHE_FAULT_INJECTION=false)");
    }
  }
}
