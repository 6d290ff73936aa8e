package io.stratacache.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** Every REST resource lives under {@code /api}; resources are discovered by scanning. */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Stratacache",
            version = "0.1",
            description =
                "Brand and store diagnosis backend on a multi-level cache. Errors are"
                    + " {\"error\": code, \"detail\": message}. Times are UTC."))
public class ApiApplication extends Application {}
