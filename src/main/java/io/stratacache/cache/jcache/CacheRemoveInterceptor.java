package io.stratacache.cache.jcache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheRemove;

/** Serves {@link CacheRemove} on the tiered caches; see {@link AnnotatedCaching#remove}. */
@CacheRemove
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 10)
public class CacheRemoveInterceptor {

  @Inject AnnotatedCaching caching;

  @AroundInvoke
  Object intercept(InvocationContext ctx) throws Exception {
    return caching.remove(ctx.getTarget(), ctx.getMethod(), ctx.getParameters(), ctx::proceed);
  }
}
