package org.geochat.ops;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.geochat.chat.Chat;
import org.geochat.chat.ChatProbe;
import org.geochat.chat.Relay;
import org.geochat.core.AsyncBridge;
import org.geochat.core.ThisDeployment;
import org.geochat.geoip.Attribution;
import org.geochat.geoip.GeoDatabase;
import org.geochat.lookup.Lookup;
import org.geochat.lookup.Reachability;

/** {@code GET /api/health}: what a load balancer or compose health check asks; 200 when UP or DEGRADED, 503 when DOWN. */
@Path("health")
@Tag(name = "operations")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");
    /** Longer than the chat probe's own limit: the backstop behind it. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final GeoDatabase database;
    private final Lookup lookup;
    private final Chat chat;
    private final BooleanSupplier stopping;

    public HealthResource(GeoDatabase database, Lookup lookup, Chat chat, BooleanSupplier stopping) {
        this.database = database;
        this.lookup = lookup;
        this.chat = chat;
        this.stopping = stopping;
    }

    @GET
    @Operation(summary = "UP or DEGRADED (200), DOWN (503); the database, the upstream, the chat, Redis")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = Health.class)))
    public void health(@Context HttpServletRequest request, @Suspended AsyncResponse response) {
        URI chatUri = URI.create(ThisDeployment.uri(request, "/chat").toString().replaceFirst("^http", "ws"));
        AsyncBridge.resume(response, DEADLINE, () -> chat.readiness(chatUri).thenApply(this::answer));
    }

    private Response answer(ChatProbe.Readiness readiness) {
        Reachability reachability = lookup.reachability();
        Optional<Relay.Status> cluster = chat.cluster();
        List<GeoDatabase.Unusable> unusable = database.unusable();
        Health.GeoIp geoip = new Health.GeoIp(
                GeoDatabase.COUNTRY_SOURCE,
                database.countryBuilt(),
                database.hasCityData(),
                unusable.isEmpty() ? null : unusable,
                Attribution.DB_IP);
        Health.ChatState chatState =
                new Health.ChatState(readiness.ready(), chat.connections(), chat.roomCount(), readiness.error());
        Health health = new Health(
                Health.status(stopping.getAsBoolean(), chatState, geoip, reachability, cluster),
                geoip,
                Health.UpstreamState.of(
                        lookup.upstreamUrl().map(Object::toString).orElse(null), reachability),
                chatState,
                cluster.orElse(null));
        return Response.status(health.status() == Health.Status.DOWN ? 503 : 200)
                .entity(health)
                .cacheControl(NO_STORE)
                .build();
    }
}
