package org.geochat;

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
import org.geochat.chat.ChatEndpoint;
import org.geochat.chat.cluster.RedisRelay;
import org.geochat.core.AsyncRuntime;
import org.geochat.core.CallerThreadExecutor;
import org.geochat.core.NonBlockingConnector;
import org.geochat.demo.Demo;
import org.geochat.geoip.GeoDatabase;
import org.geochat.lookup.Lookup;
import org.geochat.net.ClientAddress;
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

    private Geochat(
            AsyncRuntime runtime,
            Client client,
            GeoDatabase database,
            Metrics metrics,
            List<Object> resources,
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
                    + ", so java.net.http starts a new thread for every asynchronous call that fails. Start the JVM with"
                    + " -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 (see README.md).");
        }
        AsyncRuntime runtime = new AsyncRuntime();
        Metrics metrics = new Metrics(config.metricsAllow());
        Client client = null;
        GeoDatabase database = null;
        try {
            client = httpClient(config.lookup().upstreamTimeout(), runtime);
            database = GeoDatabase.open(
                    config.geoip(),
                    realPath(context, BUNDLED_COUNTRY_DB),
                    () -> context.getResourceAsStream(BUNDLED_COUNTRY_DB));
            ClientAddress clientAddress = config.clientAddress();
            Lookup lookup = Lookup.start(config.lookup(), database, clientAddress, client, runtime, metrics.registry());
            Demo demo = Demo.start(config.demo(), client, runtime, metrics.registry());
            Chat chat = Chat.start(
                    config.chat(),
                    clientAddress,
                    runtime,
                    metrics.registry(),
                    lookup::countryOf,
                    config.cluster()
                            .map(cluster -> rooms -> new RedisRelay(cluster, rooms, runtime, metrics.registry())));
            ChatEndpoint.sizeBuffers(context);
            LOG.info("geochat started: lookups "
                    + lookup.upstreamUrl().map(url -> "through " + url).orElse("from the local databases")
                    + ", city data " + (database.hasCityData() ? "on" : "off") + ", demo "
                    + (!config.demo().enabled()
                            ? "off"
                            : "upstream "
                                    + config.demo()
                                            .upstreamUrl()
                                            .map(Object::toString)
                                            .orElse("(own /api/demo/slow)")));
            List<Object> resources = new ArrayList<>(lookup.resources());
            resources.addAll(demo.resources());
            Geochat geochat = new Geochat(runtime, client, database, metrics, resources, chat);
            resources.add(new HealthResource(database, lookup, chat, () -> geochat.stopping));
            resources.add(new OpenApiResource(config.demo().enabled() ? List.of() : Demo.PATHS));
            context.addServlet("metrics", new MetricsServlet(metrics, clientAddress::of))
                    .addMapping("/metrics");
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

    /**
     * One long-lived client on the non-blocking connector; closed on undeploy, never from its own callbacks. An
     * asynchronous call is sent from the calling thread (sending does not block) and answered on a worker.
     */
    private static Client httpClient(Duration timeout, AsyncRuntime runtime) {
        return ClientBuilder.newBuilder()
                .withConfig(new ClientConfig().connectorProvider(NonBlockingConnector.provider(runtime.workers())))
                .executorService(new CallerThreadExecutor())
                .scheduledExecutorService(runtime.timer())
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    private static Optional<Path> realPath(ServletContext context, String resource) {
        return Optional.ofNullable(context.getRealPath(resource))
                .map(Path::of)
                .filter(p -> p.toFile().isFile());
    }
}
