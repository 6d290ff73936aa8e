package bench.bare;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The bare JAX-RS application of the request-path benchmark (request-path.sh): deployed beside
 * the application in the same Payara Micro at /bare, with no filter, interceptor or metric of
 * ours, so that /bare/api/ping measures what JAX-RS itself costs on this server.
 */
@ApplicationPath("api")
public class BareApi extends Application {}
