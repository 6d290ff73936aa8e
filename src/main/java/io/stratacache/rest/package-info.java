/**
 * The JAX-RS application: its base path, the one exception mapping that turns every failure into
 * {@code {"error": ..., "detail": ...}}, the parsing of request parameters, the JSON-B setup, and
 * the admin-token guard ({@link io.stratacache.rest.AdminOnly}) that features put on their
 * administrative endpoints.
 */
package io.stratacache.rest;
