package org.geochat.demo;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import org.geochat.core.AsyncBridge;

/**
 * {@code /api/hello/{name}}, the tutorial's aiohttp example, answered asynchronously after {@code ms} (default
 * 0; the tutorial slept 500). With the default it is the demo page's ping: trivial, but it still needs a free
 * container thread to be received.
 */
@Path("hello")
@Tag(name = "demo")
@Produces(MediaType.APPLICATION_JSON)
public final class HelloResource {

    private static final int MAX_NAME = 64;

    private final Lessons lessons;

    public HelloResource(Lessons lessons) {
        this.lessons = lessons;
    }

    @GET
    @Path("{name}")
    @Operation(summary = "aiohttp's /hello/{name}, answered asynchronously after ms milliseconds")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = Greeting.class)))
    public void hello(@PathParam("name") String name, @QueryParam("ms") String ms, @Suspended AsyncResponse response) {
        if (name.codePointCount(0, name.length()) > MAX_NAME
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw DemoParameters.invalid(
                    "name must be at most " + MAX_NAME + " characters, without control characters.");
        }
        DemoRequest request = DemoRequest.start(ms, 0);
        AsyncBridge.resume(response, lessons.deadline(request.ms()), () -> lessons.hello(name, request));
    }
}
