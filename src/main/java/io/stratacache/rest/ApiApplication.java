package io.stratacache.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * Every REST resource lives under {@code /api}; resources are discovered by scanning. Callers
 * authenticate with a bearer JWT verified by MicroProfile JWT ({@code @LoginConfig}); its {@code
 * groups} claim gives the roles {@link Roles#USER} and {@link Roles#ADMIN}. Payara turns MP-JWT on
 * only for an {@code Application} that CDI discovers: {@code @Dependent} makes this class a bean
 * under {@code bean-discovery-mode="annotated"}.
 */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "stratacache")
@DeclareRoles({Roles.USER, Roles.ADMIN})
@Dependent
@OpenAPIDefinition(
    info =
        @Info(
            title = "Stratacache",
            version = "0.1",
            description =
                "Brand and store diagnosis backend on a multi-level cache. Errors are"
                    + " {\"error\": code, \"detail\": message}. Times are UTC. Callers send"
                    + " 'Authorization: Bearer <jwt>'."))
public class ApiApplication extends Application {}
