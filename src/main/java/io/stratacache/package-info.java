/**
 * Stratacache: a brand- and store-diagnosis backend on Payara Micro whose speed rests on a
 * multi-level cache (near Caffeine tier, Hazelcast grid tier, database store tier).
 */
package io.stratacache;
