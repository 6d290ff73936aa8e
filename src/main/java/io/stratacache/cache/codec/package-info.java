/**
 * Codecs that turn cache values into the bytes the grid and store tiers hold (JSON-B or Java
 * serialization behind an allow-list), and the compression applied above a size threshold.
 */
package io.stratacache.cache.codec;
