package io.stratacache.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The largest body, in bytes, that {@link JsonRecordReader} reads for the annotated resource
 * parameter; without it, {@link JsonRequests#DEFAULT_MAX_BYTES}. A longer body is refused with 413
 * before anything is parsed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface BodyLimit {

  /** The limit in bytes, at least 1. */
  int value();
}
