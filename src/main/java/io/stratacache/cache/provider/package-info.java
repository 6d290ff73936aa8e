/**
 * The standard JSR-107 provider ({@code Caching.getCachingProvider()}) over the tiered core,
 * outside a container: each {@code CacheManager} owns a registry of tiered caches, the near tier
 * alone by default. Inside the application the caches are reached through {@code @Tiered
 * CacheManager} instead.
 */
package io.stratacache.cache.provider;
