/**
 * Stratacache: a brand- and store-diagnosis backend on Payara Micro whose speed rests on a
 * multi-level cache (near Caffeine tier, Hazelcast grid tier, database store tier). Its packages
 * and what each may use are described in {@code docs/architecture.md} and held by {@code
 * ArchitectureTest}.
 */
package io.stratacache;
