package org.geochat.core;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.geochat.chat.Chat;
import org.geochat.chat.cluster.RedisRelay;
import org.geochat.demo.Burst;
import org.geochat.demo.DemoResource;
import org.geochat.demo.HelloResource;
import org.geochat.demo.Lessons;
import org.geochat.lookup.ClientAddress;
import org.geochat.lookup.Geolocator;
import org.geochat.lookup.Location;
import org.geochat.lookup.LookupResource;
import org.geochat.lookup.Upstream;
import org.geochat.lookup.origin.GeoDatabase;
import org.geochat.lookup.origin.Origin;
import org.geochat.lookup.origin.OriginResource;
import org.geochat.ops.HealthResource;
import org.geochat.ops.Metrics;
import org.geochat.ops.MetricsServlet;
import org.geochat.ops.OpenApiResource;
import org.glassfish.jersey.client.ClientConfig;

/**
 * One deployment's components, built from its {@link Config} when the web application starts and closed
 * when it stops: the threads, the JAX-RS client, the GeoIP databases, and the resources that use them.
 */
public final class Geochat implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Geochat.class.getName());
    private static final String BUNDLED_COUNTRY_DB = "/WEB-INF/geoip/dbip-country.mmdb";
    /** How much longer than the upstream timeout a suspended request may wait before the backstop answers. */
    private static final Duration BACKSTOP = Duration.ofSeconds(1);

    private final AsyncRuntime runtime;
    private final Client client;
    private final GeoDatabase database;
    private final Metrics metrics;
    private final List<Object> resources;
    private final Chat chat;
    private volatile boolean stopping;

    private Geochat(AsyncRuntime runtime, Client client, GeoDatabase database, Metrics metrics) {
        this(runtime, client, database, metrics, new ArrayList<>(), null);
    }

    private Geochat(AsyncRuntime runtime, Client client, GeoDatabase database, Metrics metrics, List<Object> resources,
                    Chat chat) {
        this.runtime = runtime;
        this.client = client;
        this.database = database;
        this.metrics = metrics;
        this.resources = resources;
        this.chat = chat;
    }

    public static Geochat start(Config config, ServletContext context) {
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            LOG.warning("The common ForkJoinPool has parallelism " + ForkJoinPool.getCommonPoolParallelism()
                    + ", so java.net.http starts a new thread for every asynchronous response. Start the JVM with"
                    + " -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 (see README.md).");
        }
        AsyncRuntime runtime = new AsyncRuntime();
        Metrics metrics = new Metrics(config.metricsAllow());
        Client client = null;
        GeoDatabase database = null;
        try {
            client = httpClient(config.upstreamTimeout(), runtime);
            database = GeoDatabase.open(source("GEOCHAT_COUNTRY_DB", config.countryDb()), realPath(context, BUNDLED_COUNTRY_DB),
                    () -> context.getResourceAsStream(BUNDLED_COUNTRY_DB), source("GEOCHAT_CITY_DB_V4", config.cityDbV4()),
                    source("GEOCHAT_CITY_DB_V6", config.cityDbV6()));
            ClientAddress clientAddress = new ClientAddress(config.trustedProxies(), config.forwardedHeader());
            Upstream upstream = new Upstream(client, config.upstreamUrl(), config.upstreamTimeout(), runtime, metrics.registry());
            Geolocator geolocator = new Geolocator(upstream::locate, config.cacheSize(), config.cacheTtl(), runtime.workers());
            geolocator.monitor(metrics.registry());
            List<Object> resources = new ArrayList<>(List.of(
                    new LookupResource(geolocator, upstream, clientAddress, config.upstreamTimeout().plus(BACKSTOP),
                            config.batchMax()),
                    new OriginResource(new Origin(database), clientAddress)));
            if (config.demoEnabled()) {
                Lessons lessons = new Lessons(client, config.demoUpstreamUrl(), config.demoGrace(), runtime,
                        runtime.blockingPool("geochat-blocking-", config.demoExecutorThreads(), config.demoExecutorQueue()),
                        config.demoMaxCalls());
                lessons.monitor(metrics.registry());
                resources.add(new DemoResource(lessons, new Burst(client, lessons)));
                resources.add(new HelloResource(lessons));
            }
            LOG.info("geochat started: upstream " + config.upstreamUrl().map(Object::toString).orElse("(own origin)")
                    + ", city data " + (database.hasCityData() ? "on" : "off") + ", demo " + (!config.demoEnabled() ? "off"
                    : "upstream " + config.demoUpstreamUrl().map(Object::toString).orElse("(own /api/demo/slow)")));
            Chat chat = Chat.start(config.chat(), clientAddress, config.upstreamUrl(), runtime, metrics.registry(),
                    (ip, base) -> geolocator.locate(ip, base).thenApply(Location::countryCode),
                    config.cluster().map(cluster -> rooms -> new RedisRelay(cluster, rooms, runtime, metrics.registry())));
            Geochat geochat = new Geochat(runtime, client, database, metrics, resources, chat);
            resources.add(new HealthResource(database, upstream, chat, () -> geochat.stopping));
            resources.add(new OpenApiResource(config.demoEnabled() ? List.of() : List.of("/api/demo", "/api/hello")));
            context.addServlet("metrics", new MetricsServlet(metrics, clientAddress::of)).addMapping("/metrics");
            return geochat;
        } catch (IOException | RuntimeException e) {
            new Geochat(runtime, client, database, metrics).close(); // whatever was opened before the failure
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Instances of the JAX-RS resources, ready to register. */
    public List<Object> resources() {
        return List.copyOf(resources);
    }

    public Metrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        stopping = true;
        if (chat != null) {
            chat.close();
        }
        if (client != null) {
            client.close();
        }
        runtime.close();
        metrics.close();
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "closing the GeoIP databases failed", e);
            }
        }
    }

    /** One long-lived client on the non-blocking connector; closed on undeploy, never from its own callbacks. */
    private static Client httpClient(Duration timeout, AsyncRuntime runtime) {
        return ClientBuilder.newBuilder()
                .withConfig(new ClientConfig().connectorProvider(NonBlockingConnector.provider(runtime.workers())))
                .executorService(runtime.workers())
                .scheduledExecutorService(runtime.timer())
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    private static Optional<GeoDatabase.Source> source(String setting, Optional<Path> file) {
        return file.map(path -> new GeoDatabase.Source(setting, path));
    }

    private static Optional<Path> realPath(ServletContext context, String resource) {
        return Optional.ofNullable(context.getRealPath(resource)).map(Path::of).filter(p -> p.toFile().isFile());
    }
}
