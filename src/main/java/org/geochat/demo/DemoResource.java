package org.geochat.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.geochat.core.AsyncBridge;
import org.geochat.core.Problem;
import org.geochat.core.ThisDeployment;

/**
 * {@code /api/demo/*}: the tutorial's handler in each style, against the slow upstream, and the burst the demo
 * page charts. Each method stamps the request on the thread that received it, then hands over to
 * {@link Lessons}; only {@code blocking} keeps that thread until the answer is written.
 */
@Path("demo")
@Produces(MediaType.APPLICATION_JSON)
public final class DemoResource {

    private final Lessons lessons;
    private final Burst burst;

    public DemoResource(Lessons lessons, Burst burst) {
        this.lessons = lessons;
        this.burst = burst;
    }

    @GET
    @Path("slow")
    public void slow(@QueryParam("ms") String ms, @Suspended AsyncResponse response) {
        DemoRequest request = DemoRequest.start(ms);
        AsyncBridge.resume(response, lessons.deadline(request.ms()), () -> lessons.slow(request));
    }

    @GET
    @Path("blocking")
    public DemoAnswer blocking(@QueryParam("ms") String ms, @Context HttpServletRequest http) {
        return lessons.blocking(lessons.upstreamFor(http), DemoRequest.start(ms));
    }

    @GET
    @Path("callback")
    public void callback(@QueryParam("ms") String ms, @Context HttpServletRequest http, @Suspended AsyncResponse response) {
        suspend(ms, http, response, lessons::callback);
    }

    @GET
    @Path("coroutine")
    public void coroutine(@QueryParam("ms") String ms, @Context HttpServletRequest http, @Suspended AsyncResponse response) {
        suspend(ms, http, response, lessons::coroutine);
    }

    @GET
    @Path("executor")
    public void executor(@QueryParam("ms") String ms, @Context HttpServletRequest http, @Suspended AsyncResponse response) {
        suspend(ms, http, response, lessons::executor);
    }

    /** Stamps the request on the receiving thread, then lets {@code style} call the upstream and resume. */
    private void suspend(String ms, HttpServletRequest http, AsyncResponse response,
                         BiFunction<URI, DemoRequest, CompletionStage<DemoAnswer>> style) {
        DemoRequest request = DemoRequest.start(ms);
        AsyncBridge.resume(response, lessons.deadline(request.ms()), () -> style.apply(lessons.upstreamFor(http), request));
    }

    @GET
    @Path("parallel")
    public void parallel(@QueryParam("ms") String ms, @QueryParam("n") String n, @QueryParam("shape") String shape,
                         @Context HttpServletRequest http, @Suspended AsyncResponse response) {
        DemoRequest request = DemoRequest.start(ms);
        int calls = DemoParameters.integer("n", n, 4, 1, Lessons.MAX_PARALLEL);
        String form = DemoParameters.oneOf("shape", shape, "list", List.of("list", "map"));
        AsyncBridge.resume(response, lessons.deadline(request.ms()),
                () -> lessons.parallel(lessons.upstreamFor(http), request, calls, form));
    }

    @GET
    @Path("burst")
    public void burst(@QueryParam("style") String style, @QueryParam("ms") String ms, @QueryParam("n") String n,
                      @QueryParam("c") String c, @HeaderParam("Sec-Fetch-Site") String fetchSite,
                      @Context HttpServletRequest http, @Suspended AsyncResponse response) {
        if ("cross-site".equals(fetchSite)) {
            throw Problem.of(403, "cross-site", "Not from another site",
                    "A burst may be started from this deployment's own pages, or without a browser.").toException();
        }
        String name = DemoParameters.oneOf("style", style, "coroutine", Burst.STYLES);
        long delay = DemoRequest.parseMs(ms, DemoRequest.DEFAULT_MS);
        int calls = DemoParameters.integer("n", n, 4, 1, Lessons.MAX_PARALLEL);
        int concurrency = DemoParameters.integer("c", c, 50, 1, Burst.MAX_CONCURRENCY);
        URI target = UriBuilder.fromUri(ThisDeployment.uri(http, "/api/demo/" + name)).queryParam("ms", delay)
                .queryParam("n", calls).build();
        AsyncBridge.resume(response, burst.deadline(delay), () -> burst.run(name, target, delay, concurrency));
    }
}
