package org.geochat.ops;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.geochat.chat.Relay;
import org.geochat.geoip.Attribution;
import org.geochat.geoip.GeoDatabase;
import org.geochat.lookup.Reachability;

/**
 * The answer of {@code GET /api/health}. {@code DOWN} (HTTP 503) while the deployment is shutting down, or its
 * chat does not accept connections (yet); {@code DEGRADED} (HTTP 200) while the lookup upstream's latest call
 * failed, a configured database file cannot be used, or a cluster node does not reach Redis (it then serves its own
 * users alone); else {@code UP}. {@code redis} is absent on a single node.
 */
@JsonbPropertyOrder({"status", "geoip", "upstream", "chat", "redis"})
public record Health(Status status, GeoIp geoip, UpstreamState upstream, ChatState chat, Relay.Status redis) {

    public enum Status {
        UP,
        DEGRADED,
        DOWN
    }

    /**
     * The bundled (or configured) country database, whether city databases are loaded, and the configured files
     * left out (absent when none is).
     */
    @JsonbPropertyOrder({"source", "built", "cityData", "unusable", "attribution"})
    public record GeoIp(
            String source,
            Instant built,
            boolean cityData,
            List<GeoDatabase.Unusable> unusable,
            Attribution attribution) {}

    /** The lookup upstream: no {@code url} for this deployment's own origin; times absent until a first call. */
    @JsonbPropertyOrder({"url", "lastSuccess", "lastFailure", "lastError"})
    public record UpstreamState(String url, Instant lastSuccess, Instant lastFailure, String lastError) {

        static UpstreamState of(String url, Reachability reachability) {
            return new UpstreamState(
                    url, reachability.lastSuccess(), reachability.lastFailure(), reachability.lastError());
        }
    }

    /** {@code error} says why the chat does not accept connections; absent when it does. */
    @JsonbPropertyOrder({"ready", "connections", "rooms", "error"})
    public record ChatState(boolean ready, int connections, int rooms, String error) {}

    static Status status(
            boolean stopping, ChatState chat, GeoIp geoip, Reachability upstream, Optional<Relay.Status> redis) {
        if (stopping || !chat.ready()) {
            return Status.DOWN;
        }
        return upstream.failing()
                        || geoip.unusable() != null
                        || redis.filter(cluster -> !cluster.connected()).isPresent()
                ? Status.DEGRADED
                : Status.UP;
    }
}
