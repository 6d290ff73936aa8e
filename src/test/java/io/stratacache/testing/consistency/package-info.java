/**
 * A recorded history of concurrent reads and writes of a small key space and the checker that
 * judges it: read-your-writes, staleness beyond a bound, acknowledged writes lost.
 */
package io.stratacache.testing.consistency;
