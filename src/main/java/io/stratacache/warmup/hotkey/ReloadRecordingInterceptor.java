package io.stratacache.warmup.hotkey;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheResult;

/**
 * Marks each {@code @CacheResult} call so {@link KeyReloaders} can record how to load its key
 * again. It caches nothing (the cache interceptor, just inside it, does): it runs first, costs a
 * thread-local set and reset per call, and never changes the call's outcome.
 */
@CacheResult
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 5)
public class ReloadRecordingInterceptor {

  @AroundInvoke
  Object intercept(InvocationContext ctx) throws Exception {
    return KeyReloaders.around(ctx.getTarget(), ctx.getMethod(), ctx.getParameters(), ctx::proceed);
  }
}
