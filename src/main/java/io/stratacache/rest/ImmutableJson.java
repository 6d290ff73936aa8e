package io.stratacache.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that instances of a record never change after construction (every component final and
 * deeply immutable), so {@link MemoizedJsonWriter} may serialize an instance once and answer every
 * later request for the same instance — a cache hit — with the same bytes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ImmutableJson {}
