package org.geochat.ops;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Optional;
import org.geochat.chat.Relay;
import org.geochat.lookup.Attribution;
import org.geochat.lookup.Upstream;

/**
 * The answer of {@code GET /api/health}. {@code DOWN} (HTTP 503) while the deployment is shutting down;
 * {@code DEGRADED} (HTTP 200) while the lookup upstream's latest call failed or a cluster node does not reach
 * Redis (it then serves its own users alone); else {@code UP}. {@code redis} is absent on a single node.
 */
@JsonbPropertyOrder({"status", "geoip", "upstream", "chat", "redis"})
public record Health(Status status, GeoIp geoip, UpstreamState upstream, ChatState chat, Relay.Status redis) {

    public enum Status { UP, DEGRADED, DOWN }

    /** The bundled (or configured) country database and whether city databases are loaded. */
    @JsonbPropertyOrder({"source", "built", "cityData", "attribution"})
    public record GeoIp(String source, Instant built, boolean cityData, Attribution attribution) {
    }

    /** The lookup upstream: no {@code url} for this deployment's own origin; times absent until a first call. */
    @JsonbPropertyOrder({"url", "lastSuccess", "lastFailure", "lastError"})
    public record UpstreamState(String url, Instant lastSuccess, Instant lastFailure, String lastError) {

        static UpstreamState of(String url, Upstream.Reachability reachability) {
            return new UpstreamState(url, reachability.lastSuccess(), reachability.lastFailure(), reachability.lastError());
        }
    }

    public record ChatState(int connections, int rooms) {
    }

    static Status status(boolean stopping, Upstream.Reachability upstream, Optional<Relay.Status> redis) {
        if (stopping) {
            return Status.DOWN;
        }
        return upstream.failing() || redis.filter(cluster -> !cluster.connected()).isPresent() ? Status.DEGRADED : Status.UP;
    }
}
