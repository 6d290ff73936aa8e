/**
 * The cache's cluster services on Payara's Hazelcast member: the invalidation bus (a reliable
 * topic) that keeps other instances' near tiers coherent, the load coordinator (leases in an {@code
 * IMap}) that makes loads single-flight across the cluster, and {@link
 * io.stratacache.cache.cluster.HazelcastCluster}, which hands them and the grid tier to the
 * registry's producer. With {@code cache.tier.grid}, the only packages that may import Hazelcast.
 */
package io.stratacache.cache.cluster;
