/**
 * Codecs that turn cache values into the bytes the grid and store tiers hold (JSON-B or Java
 * serialization behind an allow-list), and the compression applied above a size threshold. A
 * plug-in package beside the tiers: the core uses it, it uses nothing of the cache, and it is the
 * one cache package besides the adapters that may use Jakarta (JSON-B).
 */
package io.stratacache.cache.codec;
