package io.stratacache.cache.jcache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheResult;

/** Serves {@link CacheResult} from the tiered caches; see {@link AnnotatedCaching#result}. */
@CacheResult
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 10)
public class CacheResultInterceptor {

  @Inject AnnotatedCaching caching;

  @AroundInvoke
  Object intercept(InvocationContext ctx) throws Exception {
    return caching.result(ctx.getTarget(), ctx.getMethod(), ctx.getParameters(), ctx::proceed);
  }
}
