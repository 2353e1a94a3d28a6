package org.geochat.lookup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import org.geochat.net.ClientAddress;

/**
 * The embedded origin, in ip-api.com's URL and JSON shape: {@code /api/origin/json/{ip}},
 * {@code /api/origin/json} (the caller) and {@code /api/origin/batch}. Answers are computed in-process in
 * microseconds, so these methods are synchronous.
 */
@Path("origin")
@Tag(
        name = "origin",
        description = "The embedded ip-api.com-compatible origin, answering from the DB-IP Lite databases")
@Produces(MediaType.APPLICATION_JSON)
public final class OriginResource {

    private final Origin origin;
    private final ClientAddress clientAddress;

    public OriginResource(Origin origin, ClientAddress clientAddress) {
        this.origin = origin;
        this.clientAddress = clientAddress;
    }

    @GET
    @Path("json/{ip}")
    @Operation(summary = "One address, in ip-api.com's shape")
    public IpApiAnswer answer(@PathParam("ip") String ip) {
        return origin.answer(ip);
    }

    @GET
    @Path("json")
    @Operation(summary = "The caller, in ip-api.com's shape")
    public IpApiAnswer answerCaller(@Context HttpServletRequest request) {
        return origin.answer(clientAddress.of(request));
    }

    @POST
    @Path("batch")
    @Operation(summary = "ip-api.com's batch: a JSON array of up to 100 addresses")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<IpApiAnswer> answerAll(InputStream body) {
        Batch batch = Batch.read(body, Origin.BATCH_MAX);
        if (batch.names() != null) {
            throw LookupProblems.invalidBatch("An ip-api batch is a JSON array, not an object.")
                    .toException();
        }
        return batch.entries().stream().map(origin::answer).toList();
    }
}
