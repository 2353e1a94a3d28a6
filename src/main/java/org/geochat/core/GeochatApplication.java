package org.geochat.core;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The REST API under {@code /api}: the resource instances {@link Geochat} built, and the problem+json mappers. */
@ApplicationPath("api")
public final class GeochatApplication extends ResourceConfig {

    public GeochatApplication(@Context ServletContext context) {
        registerInstances(GeochatListener.of(context).resources().toArray());
        register(ProblemMapper.class);
        register(HttpErrorMapper.class);
        register(UnexpectedErrorMapper.class);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }
}
