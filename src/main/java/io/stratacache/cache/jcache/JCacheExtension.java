package io.stratacache.cache.jcache;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.Interceptor;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.logging.Logger;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * Makes this application's interceptors the only caching layer behind the JSR-107 annotations.
 *
 * <p>It registers the four annotations as interceptor bindings with every member non-binding (on a
 * server that does not, such as WildFly; registering again where Payara already did is harmless),
 * and vetoes Payara's own four interceptors ({@code fish.payara.cdi.jsr107.*Interceptor}, added by
 * Payara's extension as synthetic types), so a call is never cached twice. Payara's other JSR-107
 * beans, such as the producer of its {@code CacheManager}, are left alone.
 */
public class JCacheExtension implements Extension {

  private static final Logger LOG = Logger.getLogger(JCacheExtension.class.getName());
  private static final List<Class<? extends Annotation>> BINDINGS =
      List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);

  void registerBindings(@Observes BeforeBeanDiscovery discovery) {
    for (Class<? extends Annotation> binding : BINDINGS) {
      discovery
          .configureInterceptorBinding(binding)
          .methods()
          .forEach(m -> m.add(Nonbinding.Literal.INSTANCE));
    }
  }

  void replacePayaraInterceptors(
      @Observes @WithAnnotations(Interceptor.class) ProcessAnnotatedType<?> type) {
    String name = type.getAnnotatedType().getJavaClass().getName();
    if (name.startsWith("fish.payara.cdi.jsr107.") && name.endsWith("Interceptor")) {
      type.veto();
      LOG.fine(() -> "Replaced Payara's JSR-107 interceptor " + name);
    }
  }
}
