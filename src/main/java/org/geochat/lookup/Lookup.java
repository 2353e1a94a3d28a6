package org.geochat.lookup;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.client.Client;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.geochat.core.AsyncRuntime;
import org.geochat.geoip.GeoDatabase;
import org.geochat.net.ClientAddress;

/**
 * The lookup feature of one deployment: the gateway ({@code /api/ip}) with its upstream and cache, and the
 * embedded origin ({@code /api/origin}) over the local databases.
 */
public final class Lookup {

    /** How much longer than the upstream timeout a suspended request may wait before the backstop answers. */
    private static final Duration BACKSTOP = Duration.ofSeconds(1);

    private final Upstream upstream;
    private final Geolocator geolocator;
    private final List<Object> resources;

    private Lookup(Upstream upstream, Geolocator geolocator, List<Object> resources) {
        this.upstream = upstream;
        this.geolocator = geolocator;
        this.resources = resources;
    }

    /** @param client the deployment's async JAX-RS client, which the caller closes */
    public static Lookup start(
            LookupConfig config,
            GeoDatabase database,
            ClientAddress clientAddress,
            Client client,
            AsyncRuntime runtime,
            MeterRegistry registry) {
        Upstream upstream = new Upstream(client, config.upstreamUrl(), config.upstreamTimeout(), runtime, registry);
        Geolocator geolocator =
                new Geolocator(upstream::locate, config.cacheSize(), config.cacheTtl(), runtime.workers());
        geolocator.monitor(registry);
        Duration deadline = config.upstreamTimeout().plus(BACKSTOP);
        return new Lookup(
                upstream,
                geolocator,
                List.of(
                        new LookupResource(geolocator, upstream, clientAddress, deadline, config.batchMax()),
                        new OriginResource(new Origin(database), clientAddress)));
    }

    /** Instances of the JAX-RS resources, ready to register. */
    public List<Object> resources() {
        return resources;
    }

    /** The country code of {@code ip}, looked up through the ip-api base {@code upstreamBase} and cached. */
    public CompletionStage<String> countryOf(String ip, URI upstreamBase) {
        return geolocator.locate(ip, upstreamBase).thenApply(Location::countryCode);
    }

    /** The configured upstream; empty when this deployment's own origin serves. */
    public Optional<URI> upstreamUrl() {
        return upstream.configured();
    }

    public Reachability reachability() {
        return upstream.reachability();
    }
}
