/**
 * The cache's cluster services on Hazelcast: the invalidation bus (a reliable topic) that keeps
 * other instances' near tiers coherent, and the load coordinator (leases in an {@code IMap}) that
 * makes loads single-flight across the cluster. With {@code cache.tier.grid}, the only packages
 * that import Hazelcast.
 */
package io.stratacache.cache.cluster;
