package io.stratacache.rest;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that serves one user's own data: the caller must be that user (the
 * token's subject equals the user id in the path parameter {@link #value()}) or the admin.
 * Anonymous 401 with a {@code Bearer} challenge, another user 403, both with the {@code
 * {"error","detail"}} body, before the method runs ({@link UserOrAdminFilter}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface UserOrAdmin {

  /** The path parameter that holds the user id. */
  String value() default "id";
}
