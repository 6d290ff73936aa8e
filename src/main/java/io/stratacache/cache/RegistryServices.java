package io.stratacache.cache;

import java.util.concurrent.Executor;

/**
 * What every cache of one registry shares: the clock, the executor of background refreshes, the
 * invalidation bus with this instance's id (the origin of its events), the cluster's load
 * coordinator and the registry's observers.
 */
record RegistryServices(
    CacheClock clock,
    Executor executor,
    InvalidationBus bus,
    String origin,
    LoadCoordinator coordinator,
    Observers observers) {}
