/**
 * Cache warm-up: the {@link io.stratacache.warmup.WarmupTask} SPI and its built-in tasks, the
 * {@link io.stratacache.warmup.WarmupEngine} that runs them by priority with timeouts and one
 * retry, and the triggers (start-up, cron and interval EJB timers, REST) with their run history.
 */
package io.stratacache.warmup;
