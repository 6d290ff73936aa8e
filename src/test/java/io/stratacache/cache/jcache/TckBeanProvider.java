package io.stratacache.cache.jcache;

import io.stratacache.cache.TieredCaches;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.cache.Caching;
import javax.cache.annotation.BeanProvider;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * The JSR-107 TCK's {@link BeanProvider} (registered in {@code src/test/tck/META-INF/services}, so
 * only surefire execution {@code tck} sees it): each bean is a proxy over a new instance of the
 * class asked for that hands every call of an annotated method to {@link AnnotatedCaching}, exactly
 * as the four CDI interceptors do ({@code caching.result(method, args, proceed)} and so on), over
 * the registry of the provider's default {@code CacheManager}. What it leaves out is CDI itself:
 * the interceptor bindings, which {@code AnnotationCachingIT} covers in Payara.
 */
public final class TckBeanProvider implements BeanProvider {

  @Override
  public <T> T getBeanByType(Class<T> type) {
    Object target;
    try {
      target = type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot create a " + type.getName(), e);
    }
    AnnotatedCaching caching =
        new AnnotatedCaching(
            Caching.getCachingProvider().getCacheManager().unwrap(TieredCaches.class));
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            type.getInterfaces(),
            (self, called, args) -> {
              Method method = type.getMethod(called.getName(), called.getParameterTypes());
              Object[] a = args == null ? new Object[0] : args;
              AnnotatedCaching.Invocation proceed = () -> invoke(method, target, a);
              if (method.isAnnotationPresent(CacheResult.class)) {
                return caching.result(method, a, proceed);
              }
              if (method.isAnnotationPresent(CachePut.class)) {
                return caching.put(method, a, proceed);
              }
              if (method.isAnnotationPresent(CacheRemove.class)) {
                return caching.remove(method, a, proceed);
              }
              if (method.isAnnotationPresent(CacheRemoveAll.class)) {
                return caching.removeAll(method, a, proceed);
              }
              return proceed.proceed();
            });
    @SuppressWarnings("unchecked")
    T bean = (T) proxy;
    return bean;
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Exception {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
