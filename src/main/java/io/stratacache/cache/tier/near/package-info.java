/**
 * The near tier: an in-process Caffeine cache of decoded values, bounded by entries or by encoded
 * bytes, with per-entry expiry after write or after access.
 */
package io.stratacache.cache.tier.near;
