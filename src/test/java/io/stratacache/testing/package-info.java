/**
 * Shared test support: the one deployment, an HTTP client for integration tests, expectations
 * recomputed from the deterministic demo data, and the database reset before integration runs.
 */
package io.stratacache.testing;
