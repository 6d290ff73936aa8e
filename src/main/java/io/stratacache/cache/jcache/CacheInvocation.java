package io.stratacache.cache.jcache;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyInvocationContext;

/**
 * One intercepted call as JSR-107 shows it to a custom {@code CacheKeyGenerator} or {@code
 * CacheResolver}: the method, its cache annotation, the JSR-107 cache name, the target and the
 * parameters (the key parameters by {@link CachedMethod#keyParams}). Used by one thread.
 */
final class CacheInvocation implements CacheKeyInvocationContext<Annotation> {

  private final CachedMethod cached;
  private final Method method;
  private final Object target;
  private final Object[] args;

  CacheInvocation(CachedMethod cached, Method method, Object target, Object[] args) {
    this.cached = cached;
    this.method = method;
    this.target = target;
    this.args = args;
  }

  @Override
  public Method getMethod() {
    return method;
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return new LinkedHashSet<>(Arrays.asList(method.getAnnotations()));
  }

  @Override
  public Annotation getCacheAnnotation() {
    return method.getAnnotation(cached.annotation());
  }

  @Override
  public String getCacheName() {
    return cached.jsr107Name();
  }

  @Override
  public Object getTarget() {
    return target;
  }

  @Override
  public CacheInvocationParameter[] getAllParameters() {
    CacheInvocationParameter[] all = new CacheInvocationParameter[args.length];
    for (int i = 0; i < args.length; i++) {
      all[i] = parameter(i);
    }
    return all;
  }

  @Override
  public CacheInvocationParameter[] getKeyParameters() {
    int[] keys = cached.keyParams();
    CacheInvocationParameter[] out = new CacheInvocationParameter[keys.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = parameter(keys[i]);
    }
    return out;
  }

  @Override
  public CacheInvocationParameter getValueParameter() {
    return cached.valueIndex() < 0 ? null : parameter(cached.valueIndex());
  }

  private CacheInvocationParameter parameter(int position) {
    Class<?> type = method.getParameterTypes()[position];
    Set<Annotation> annotations =
        new LinkedHashSet<>(Arrays.asList(method.getParameterAnnotations()[position]));
    Object value = args[position];
    return new CacheInvocationParameter() {
      @Override
      public Class<?> getRawType() {
        return type;
      }

      @Override
      public Object getValue() {
        return value;
      }

      @Override
      public Set<Annotation> getAnnotations() {
        return annotations;
      }

      @Override
      public int getParameterPosition() {
        return position;
      }
    };
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return TieredJCache.unwrapTo(this, type);
  }
}
