package io.stratacache.rest;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method (or class) as an administrative operation: the caller must present the
 * admin bearer token ({@code Authorization: Bearer <ADMIN_TOKEN>}). Checked by {@link
 * AdminTokenFilter} before the method runs, so a refused request changes nothing.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {}
