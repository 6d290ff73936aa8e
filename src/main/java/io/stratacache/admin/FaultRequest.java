package io.stratacache.admin;

/**
 * The body of {@code POST /api/v1/cache/faults}.
 *
 * @param tier {@code grid} or {@code store}
 * @param mode {@code NONE} (lift the fault), {@code FAIL} or {@code STALL}
 */
public record FaultRequest(String tier, String mode) {}
