/**
 * Producers and configuration shared by every feature: the application data source, schema
 * migration by Liquibase at start-up, the clock, the claims by which members share out cluster-wide
 * work ({@link io.stratacache.platform.ClusterClaims}), and the exceptions that map to 4xx answers.
 */
package io.stratacache.platform;
