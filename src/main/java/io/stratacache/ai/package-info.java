/**
 * AI text generation: prompt templates kept in the database, an OpenAI-compatible upstream behind
 * timeouts, retries, a circuit breaker and a bulkhead (or a deterministic mock without a key), and
 * answers cached in the tiered cache under a key that names everything that changes the output.
 */
package io.stratacache.ai;
