package io.stratacache.rest;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method (or class) that any authenticated caller may use, a user or the admin; an
 * anonymous request gets 401 with the {@code {"error","detail"}} body before the method runs. The
 * caller is then the request's {@link jakarta.ws.rs.core.SecurityContext#getUserPrincipal()}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Authenticated {}
