package io.stratacache.cache.jcache;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects the {@link TieredCacheManager} ({@code @Inject @Tiered CacheManager}); an unqualified
 * {@code CacheManager} is Payara's own Hazelcast one.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Tiered {}
