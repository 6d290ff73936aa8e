package io.stratacache.rest;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method (or class) as an administrative operation: the caller must present a
 * verified JWT whose {@code groups} contain {@code admin} ({@code Authorization: Bearer <jwt>};
 * {@code POST /api/v1/auth/token} exchanges {@code ADMIN_TOKEN} for one). Without a token 401, with
 * a user's token 403, both as {@code {"error","detail"}}; checked by {@link AdminOnlyFilter} before
 * the method runs, so a refused request changes nothing.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {}
