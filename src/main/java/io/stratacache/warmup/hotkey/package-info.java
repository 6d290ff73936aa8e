/**
 * Hot keys: which keys of each cache are read most (sampled count-min sketches per hour and per
 * hour of day), how to load each again (the recorded {@code @CacheResult} call), their persistence
 * across restarts, and the warming that the {@code traffic_based} and {@code predictive} warm-up
 * tasks call through {@link io.stratacache.warmup.hotkey.HotKeyTracking}, the package's one entry
 * point.
 */
package io.stratacache.warmup.hotkey;
