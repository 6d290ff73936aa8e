/**
 * Brands, diagnosis reports, questions and users: the entities, the read services that compute
 * their statistics in SQL, and the JAX-RS resources that expose them as records.
 */
package io.stratacache.brand;
