package bench.bare;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The bare JAX-RS application with MicroProfile JWT on, as the application has it: deployed by
 * request-path.sh at /bare-jwt with the same {@link BarePing}, so that /bare-jwt/api/ping measures
 * JAX-RS plus the server's JWT authentication layer, and the application's own share is the
 * difference between it and /api/v1/ping.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
public class BareJwtApi extends Application {}
