/**
 * The API response cache: rules, key derivation, the RFC 9111 shared-cache policy, the servlet
 * filter that answers hits before JAX-RS, upstream routes, rule administration and invalidation.
 */
package io.stratacache.http;
