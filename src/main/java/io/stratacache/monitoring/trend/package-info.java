/** Trends of the key cache figures (owned by the {@code dash} branch; a placeholder here). */
package io.stratacache.monitoring.trend;
