package org.geochat.lookup.origin;

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
import org.geochat.lookup.Batch;
import org.geochat.lookup.ClientAddress;
import org.geochat.lookup.IpApiAnswer;
import org.geochat.lookup.LookupProblems;

/**
 * The embedded origin, in ip-api.com's URL and JSON shape: {@code /api/origin/json/{ip}},
 * {@code /api/origin/json} (the caller) and {@code /api/origin/batch}. Answers are computed in-process in
 * microseconds, so these methods are synchronous.
 */
@Path("origin")
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
    public IpApiAnswer answer(@PathParam("ip") String ip) {
        return origin.answer(ip);
    }

    @GET
    @Path("json")
    public IpApiAnswer answerCaller(@Context HttpServletRequest request) {
        return origin.answer(clientAddress.of(request));
    }

    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<IpApiAnswer> answerAll(InputStream body) {
        Batch batch = Batch.read(body, Origin.BATCH_MAX);
        if (batch.names() != null) {
            throw LookupProblems.invalidBatch("An ip-api batch is a JSON array, not an object.").toException();
        }
        return batch.entries().stream().map(origin::answer).toList();
    }
}
