/**
 * The store tier: encoded entries in a database table through plain JDBC, so they survive a full
 * cluster restart; SQL that runs on H2 2.2 and PostgreSQL 15.
 */
package io.stratacache.cache.tier.store;
