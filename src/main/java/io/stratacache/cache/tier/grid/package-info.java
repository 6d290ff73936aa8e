/**
 * The grid tier: encoded entries in a Hazelcast {@code IMap} shared by every instance of the
 * cluster, with a per-entry TTL and a tag index; the only package that imports Hazelcast.
 */
package io.stratacache.cache.tier.grid;
