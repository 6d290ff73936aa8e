/**
 * The JAX-RS application: its base path, the exception mapping that turns every failure into {@code
 * {"error": ..., "detail": ...}}, the parsing of request parameters, the JSON-B setup, the one way
 * a JSON body becomes a record ({@link io.stratacache.rest.JsonRequests}: size and depth limits
 * before strict JSON-B binding and Bean Validation), and the role guards that features put on their
 * endpoints ({@link io.stratacache.rest.AdminOnly}, {@link io.stratacache.rest.Authenticated},
 * {@link io.stratacache.rest.UserOrAdmin}) over the caller's bearer JWT.
 */
package io.stratacache.rest;
