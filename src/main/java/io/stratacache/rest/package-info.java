/**
 * The JAX-RS application: its base path, the exception mapping that turns every failure into {@code
 * {"error": ..., "detail": ...}}, the parsing of request parameters, the JSON-B setup, the one way
 * a JSON body becomes a record ({@link io.stratacache.rest.JsonRequests}: size and depth limits
 * before strict JSON-B binding and Bean Validation), and the admin-token guard ({@link
 * io.stratacache.rest.AdminOnly}) that features put on their administrative endpoints.
 */
package io.stratacache.rest;
