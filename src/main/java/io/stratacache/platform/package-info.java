/**
 * Producers and configuration shared by every feature: the tiered-cache registry (wired from the
 * store tier, {@code cache.cluster} and MicroProfile Config) and its maintenance, the application
 * data source, schema migration by Liquibase at start-up, the clock, the claims by which members
 * share out cluster-wide work ({@link io.stratacache.platform.ClusterClaims}), JDBC helpers, and
 * the exceptions that map to 4xx answers. It names no Hazelcast type.
 */
package io.stratacache.platform;
