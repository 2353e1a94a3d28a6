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
 * The lookup feature of one deployment: the gateway ({@code /api/ip}) and the embedded origin
 * ({@code /api/origin}). Local first: with no upstream configured the gateway answers from the local databases,
 * in-process; with {@code GEOCHAT_UPSTREAM_URL} it asks that upstream through the async JAX-RS client, behind
 * the cache.
 */
public final class Lookup {

    /** How much longer than the upstream timeout a suspended request may wait before the backstop answers. */
    private static final Duration BACKSTOP = Duration.ofSeconds(1);

    private static final Reachability NEVER_CALLED = new Reachability(null, null, null);

    private final Optional<Upstream> upstream;
    private final Geolocator geolocator;
    private final List<Object> resources;

    private Lookup(Optional<Upstream> upstream, Geolocator geolocator, List<Object> resources) {
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
        Origin origin = new Origin(database);
        Optional<Upstream> upstream =
                config.upstreamUrl().map(url -> new Upstream(client, url, config.upstreamTimeout(), runtime, registry));
        Geolocator geolocator = upstream.map(remote ->
                        Geolocator.cached(remote::locate, config.cacheSize(), config.cacheTtl(), runtime.workers()))
                .orElseGet(() -> Geolocator.local(origin::locate));
        geolocator.monitor(registry);
        Duration deadline = config.upstreamTimeout().plus(BACKSTOP);
        return new Lookup(
                upstream,
                geolocator,
                List.of(
                        new LookupResource(geolocator, clientAddress, deadline, config.batchMax()),
                        new OriginResource(origin, clientAddress)));
    }

    /** Instances of the JAX-RS resources, ready to register. */
    public List<Object> resources() {
        return resources;
    }

    /** The country code of {@code ip}, as {@code /api/ip/{ip}} would answer it. */
    public CompletionStage<String> countryOf(String ip) {
        return geolocator.locate(ip).thenApply(Location::countryCode);
    }

    /** The configured upstream; empty when the local databases answer. */
    public Optional<URI> upstreamUrl() {
        return upstream.map(Upstream::base);
    }

    /** How the upstream's latest calls went; never called when none is configured. */
    public Reachability reachability() {
        return upstream.map(Upstream::reachability).orElse(NEVER_CALLED);
    }
}
