package io.stratacache.cache.jcache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheRemoveAll;

/** Serves {@link CacheRemoveAll} on the tiered caches; see {@link AnnotatedCaching#removeAll}. */
@CacheRemoveAll
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 10)
public class CacheRemoveAllInterceptor {

  @Inject AnnotatedCaching caching;

  @AroundInvoke
  Object intercept(InvocationContext ctx) throws Exception {
    return caching.removeAll(ctx.getTarget(), ctx.getMethod(), ctx.getParameters(), ctx::proceed);
  }
}
