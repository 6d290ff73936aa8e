package io.stratacache.cache.jcache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CachePut;

/** Serves {@link CachePut} from the tiered caches; see {@link AnnotatedCaching#put}. */
@CachePut
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 10)
public class CachePutInterceptor {

  @Inject AnnotatedCaching caching;

  @AroundInvoke
  Object intercept(InvocationContext ctx) throws Exception {
    return caching.put(ctx.getTarget(), ctx.getMethod(), ctx.getParameters(), ctx::proceed);
  }
}
