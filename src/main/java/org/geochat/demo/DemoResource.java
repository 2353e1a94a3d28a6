package org.geochat.demo;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(
        name = "demo",
        description =
                "The async lessons: one style per endpoint against a slow upstream (GEOCHAT_DEMO=off removes them)")
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
    @Operation(summary = "The slow upstream: answers after ms milliseconds, no thread waiting")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = DemoAnswer.class)))
    public void slow(@QueryParam("ms") String ms, @Suspended AsyncResponse response) {
        DemoRequest request = DemoRequest.start(ms);
        AsyncBridge.resume(response, lessons.deadline(request.ms()), () -> lessons.slow(request));
    }

    @GET
    @Path("blocking")
    @Operation(summary = "The synchronous client on the request thread, held for the whole call")
    public DemoAnswer blocking(@QueryParam("ms") String ms, @Context HttpServletRequest http) {
        return lessons.blocking(lessons.upstreamFor(http), DemoRequest.start(ms));
    }

    @GET
    @Path("callback")
    @Operation(summary = "The async client with an InvocationCallback")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = DemoAnswer.class)))
    public void callback(
            @QueryParam("ms") String ms, @Context HttpServletRequest http, @Suspended AsyncResponse response) {
        suspend(ms, http, response, lessons::callback);
    }

    @GET
    @Path("coroutine")
    @Operation(summary = "Two dependent calls chained with rx()")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = DemoAnswer.class)))
    public void coroutine(
            @QueryParam("ms") String ms, @Context HttpServletRequest http, @Suspended AsyncResponse response) {
        suspend(ms, http, response, lessons::coroutine);
    }

    @GET
    @Path("executor")
    @Operation(summary = "The synchronous call on a bounded executor, then resumed")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = DemoAnswer.class)))
    public void executor(
            @QueryParam("ms") String ms, @Context HttpServletRequest http, @Suspended AsyncResponse response) {
        suspend(ms, http, response, lessons::executor);
    }

    /** Stamps the request on the receiving thread, then lets {@code style} call the upstream and resume. */
    private void suspend(
            String ms,
            HttpServletRequest http,
            AsyncResponse response,
            BiFunction<URI, DemoRequest, CompletionStage<DemoAnswer>> style) {
        DemoRequest request = DemoRequest.start(ms);
        AsyncBridge.resume(
                response, lessons.deadline(request.ms()), () -> style.apply(lessons.upstreamFor(http), request));
    }

    @GET
    @Path("parallel")
    @Operation(summary = "n calls at once, gathered as a list or a map")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = DemoAnswer.class)))
    public void parallel(
            @QueryParam("ms") String ms,
            @QueryParam("n") String n,
            @QueryParam("shape") String shape,
            @Context HttpServletRequest http,
            @Suspended AsyncResponse response) {
        DemoRequest request = DemoRequest.start(ms);
        int calls = DemoParameters.integer("n", n, 4, 1, Lessons.MAX_PARALLEL);
        String form = DemoParameters.oneOf("shape", shape, "list", List.of("list", "map"));
        AsyncBridge.resume(
                response,
                lessons.deadline(request.ms()),
                () -> lessons.parallel(lessons.upstreamFor(http), request, calls, form));
    }

    @GET
    @Path("burst")
    @Operation(summary = "c requests to one style at once, each timed (what demo.html charts)")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = BurstReport.class)))
    public void burst(
            @QueryParam("style") String style,
            @QueryParam("ms") String ms,
            @QueryParam("n") String n,
            @QueryParam("c") String c,
            @HeaderParam("Sec-Fetch-Site") String fetchSite,
            @Context HttpServletRequest http,
            @Suspended AsyncResponse response) {
        if ("cross-site".equals(fetchSite)) {
            throw Problem.of(
                            403,
                            "cross-site",
                            "Not from another site",
                            "A burst may be started from this deployment's own pages, or without a browser.")
                    .toException();
        }
        String name = DemoParameters.oneOf("style", style, "coroutine", Burst.STYLES);
        long delay = DemoRequest.parseMs(ms, DemoRequest.DEFAULT_MS);
        int calls = DemoParameters.integer("n", n, 4, 1, Lessons.MAX_PARALLEL);
        int concurrency = DemoParameters.integer("c", c, 50, 1, Burst.MAX_CONCURRENCY);
        URI target = UriBuilder.fromUri(ThisDeployment.uri(http, "/api/demo/" + name))
                .queryParam("ms", delay)
                .queryParam("n", calls)
                .build();
        AsyncBridge.resume(response, burst.deadline(delay), () -> burst.run(name, target, delay, concurrency));
    }
}
