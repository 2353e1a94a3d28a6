package org.geochat.lookup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Duration;
import org.geochat.core.AsyncBridge;
import org.geochat.net.ClientAddress;

/** The lookup API: {@code /api/ip/{ip}}, the caller's own {@code /api/ip}, and {@code /api/ip/batch}. */
@Path("ip")
@Tag(
        name = "lookup",
        description =
                "Where an IP address is: from the local databases (IP Geolocation by DB-IP), or the configured upstream")
@Produces(MediaType.APPLICATION_JSON)
public final class LookupResource {

    private final Geolocator geolocator;
    private final ClientAddress clientAddress;
    private final Duration deadline;
    private final int batchMax;

    /** @param deadline how long a suspended request may wait in all; a backstop behind the upstream's own timeout */
    public LookupResource(Geolocator geolocator, ClientAddress clientAddress, Duration deadline, int batchMax) {
        this.geolocator = geolocator;
        this.clientAddress = clientAddress;
        this.deadline = deadline;
        this.batchMax = batchMax;
    }

    @GET
    @Path("{ip}")
    @Operation(summary = "Where one IPv4 or IPv6 address is")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = Location.class)))
    public void locate(@PathParam("ip") String ip, @Suspended AsyncResponse response) {
        AsyncBridge.resume(response, deadline, () -> geolocator.locate(ip));
    }

    @GET
    @Operation(summary = "Where the caller is (see GEOCHAT_TRUSTED_PROXIES)")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = Location.class)))
    public void locateCaller(@Context HttpServletRequest request, @Suspended AsyncResponse response) {
        String caller = clientAddress.of(request);
        AsyncBridge.resume(response, deadline, () -> geolocator.locate(caller));
    }

    @POST
    @Path("batch")
    @Operation(
            summary =
                    "Up to GEOCHAT_BATCH_MAX addresses at once: a JSON array (answered in order) or an object of named addresses (answered by name)")
    @Consumes(MediaType.APPLICATION_JSON)
    public void locateAll(InputStream body, @Suspended AsyncResponse response) {
        AsyncBridge.resume(response, deadline, () -> geolocator.locateAll(Batch.read(body, batchMax)));
    }
}
