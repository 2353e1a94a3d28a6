package org.geochat;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Context;
import org.geochat.core.HttpErrorMapper;
import org.geochat.core.JsonRecordWriter;
import org.geochat.core.ProblemMapper;
import org.geochat.core.RefusedBodyFilter;
import org.geochat.core.UnexpectedErrorMapper;
import org.geochat.ops.RequestMetrics;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The REST API under {@code /api}: the resource instances {@link Geochat} built, the problem+json mappers, the writer of {@link org.geochat.core.JsonRecord} answers, request metrics, the refused-body filter. */
@ApplicationPath("api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "geochat",
                        version = "0.1",
                        description =
                                "Async IP geolocation (IP Geolocation by DB-IP, https://db-ip.com), the async lessons, and operations."
                                        + " Errors are application/problem+json with a stable code; the chat is a WebSocket at /chat/{room}."))
public final class GeochatApplication extends ResourceConfig {

    public GeochatApplication(@Context ServletContext context) {
        Geochat geochat = GeochatListener.of(context);
        registerInstances(geochat.resources().toArray());
        register(new RequestMetrics(geochat.metrics().registry()));
        register(JsonRecordWriter.class);
        register(ProblemMapper.class);
        register(HttpErrorMapper.class);
        register(UnexpectedErrorMapper.class);
        register(RefusedBodyFilter.class);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Jersey buffers each answer to learn its length, in a new buffer of this size (8 KB by default, the
        // largest single allocation of a lookup): error and lookup answers fit in 2 KB, and a larger answer is
        // sent chunked, or with the length JsonRecordWriter states
        property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 2048);
    }
}
