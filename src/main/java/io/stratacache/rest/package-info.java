/**
 * The JAX-RS application: its base path, the one exception mapping that turns every failure into
 * {@code {"error": ..., "detail": ...}}, and the parsing of request parameters.
 */
package io.stratacache.rest;
