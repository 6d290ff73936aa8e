/**
 * The grid tier: encoded entries in a Hazelcast {@code IMap} shared by every instance of the
 * cluster, with a per-entry TTL and a tag index. With {@code cache.cluster}, the only packages that
 * may import Hazelcast.
 */
package io.stratacache.cache.tier.grid;
